"""The demo year loading in the background (tools/demo against the five services as
processes on the same test Kafka and store), for a benchmark to measure under: started,
seen to be writing, and how many events it wrote while the measurement ran."""

from __future__ import annotations

import asyncio
import contextlib
import os
import sys
import time
import uuid
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from pathlib import Path

from aiokafka import AIOKafkaConsumer, TopicPartition

from schemas import topics
from services.launcher import ServiceProcesses
from tests.support.kafka import BOOTSTRAP
from tests.support.waiting import eventually

ROOT = Path(__file__).resolve().parents[1]
# Beside a suite's own five services on the same profile (QA_PORT_BASE + 1..5), not on them.
PORT_OFFSET = 10


async def events_on_kafka() -> int:
    """Every event on every platform topic so far (the sum of the partitions' end offsets)."""
    consumer = AIOKafkaConsumer(bootstrap_servers=BOOTSTRAP)
    await consumer.start()
    try:
        await consumer._client.force_metadata_update()
        partitions = [TopicPartition(t, p) for t in topics.ALL
                      for p in consumer.partitions_for_topic(t) or ()]
        return sum((await consumer.end_offsets(partitions)).values())
    finally:
        await consumer.stop()


@dataclass
class DemoLoad:
    process: asyncio.subprocess.Process
    log: Path
    marks: list[tuple[float, int]] = field(default_factory=list)

    async def mark(self) -> None:
        self.marks.append((time.monotonic(), await events_on_kafka()))

    @property
    def still_loading(self) -> bool:
        return self.process.returncode is None

    def events_per_second(self) -> float:
        (start, before), (end, after) = self.marks[0], self.marks[-1]
        return (after - before) / (end - start)


@contextlib.asynccontextmanager
async def demo_loading(*, started_events: int = 300) -> AsyncIterator[DemoLoad]:
    """The five services and the demo's county-sized year loading into them, once at least
    `started_events` of its events reached Kafka; both stopped on leaving."""
    port_base = int(os.environ.get("QA_PORT_BASE", "28100")) + PORT_OFFSET
    processes = ServiceProcesses(port_base=port_base,
                                 log_dir=ROOT / "var" / f"bench-logs-{port_base}")
    processes.start()
    log = processes.log_dir / "demo.log"
    try:
        await asyncio.to_thread(processes.wait_ready, 120.0)
        urls = {s: processes.url(s) for s in ("audit_capture", "feedback_ingestion",
                                              "reporting", "action_tracking", "learning")}
        before = await events_on_kafka()
        with log.open("ab") as out:
            process = await asyncio.create_subprocess_exec(
                sys.executable, "-m", "tools.demo", "--force",
                "--team-prefix", f"bench-demo-{uuid.uuid4().hex[:6]}",
                *[a for s, u in urls.items() for a in (f"--{s.replace('_', '-')}", u)],
                cwd=ROOT, stdout=out, stderr=out)
        load = DemoLoad(process, log)
        try:
            await eventually(lambda: _grown(before, started_events), timeout=180,
                             interval=1.0, what="the demo writing")
            yield load
        finally:
            if process.returncode is None:
                process.terminate()
            await process.wait()
    finally:
        processes.stop()


async def _grown(before: int, by: int) -> bool:
    return await events_on_kafka() - before >= by
