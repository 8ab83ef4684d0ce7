"""Catching up after a restart: a consuming service that was down while 1,000 audits
arrived is started again; how long until its group's lag on qa.audit is back to 0, and
until it has nothing left on any topic it reads (its own follow-up events too), beside a raw
aiokafka consumer reading the same 1,000 messages in the same run.

    source deploy/local/env.sh && use_profile test && infra start
    .venv/bin/python bench/catch_up.py --audits 1000

Each service runs as its own process (as `make run` starts it) with a consumer group and a
database of its own, positioned at the end of every topic before the audits are written,
so it reads exactly those audits (and whatever its own handling publishes).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import sys
import time
import uuid
from pathlib import Path

from aiokafka import AIOKafkaConsumer, AIOKafkaProducer
from aiokafka.admin import AIOKafkaAdminClient
from pymongo import AsyncMongoClient

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # run as a script from anywhere

from schemas import topics
from services.launcher import ServiceProcesses
from tests.support.events import audit_submitted, envelope_for
from tests.support.kafka import BOOTSTRAP, start_group_at_end

ROOT = Path(__file__).resolve().parents[1]
SERVICES = ("action_tracking", "reporting")


async def produce_audits(count: int) -> None:
    producer = AIOKafkaProducer(bootstrap_servers=BOOTSTRAP, acks="all", linger_ms=5)
    await producer.start()
    try:
        for _ in range(count):
            event = audit_submitted(actions=1)
            await producer.send(topics.AUDIT, envelope_for(event).to_bytes(),
                                key=event.subject().encode())
        await producer.flush()
    finally:
        await producer.stop()


async def raw_read(group: str, count: int) -> float:
    """A bare consumer in its own group from the same place: seconds to read and decode
    `count` messages of qa.audit."""
    consumer = AIOKafkaConsumer(topics.AUDIT, bootstrap_servers=BOOTSTRAP, group_id=group,
                                enable_auto_commit=False, auto_offset_reset="earliest")
    started = time.perf_counter()
    await consumer.start()
    seen = 0
    try:
        while seen < count:
            for records in (await consumer.getmany(timeout_ms=500)).values():
                for record in records:
                    json.loads(record.value)
                    seen += 1
        await consumer.commit()
    finally:
        await consumer.stop()
    return time.perf_counter() - started


async def lag(group: str, only: str | None = None) -> int:
    """Messages the group has not committed past, on `only` or on every topic it holds."""
    admin = AIOKafkaAdminClient(bootstrap_servers=BOOTSTRAP)
    await admin.start()
    try:
        committed = await admin.list_consumer_group_offsets(group)
    finally:
        await admin.close()
    partitions = [tp for tp in committed if only is None or tp.topic == only]
    consumer = AIOKafkaConsumer(bootstrap_servers=BOOTSTRAP)
    await consumer.start()
    try:
        ends = await consumer.end_offsets(partitions)
    finally:
        await consumer.stop()
    return sum(max(0, ends[tp] - committed[tp].offset) for tp in partitions)


async def catch_up(service: str, count: int, port_base: int) -> dict[str, float]:
    suffix = f"-catchup-{uuid.uuid4().hex[:8]}"
    group = f"{service}{suffix}"
    database = f"qa_{service}{suffix}".replace("-", "_")
    await start_group_at_end(group)
    baseline_group = f"raw{suffix}"
    await start_group_at_end(baseline_group)
    await produce_audits(count)  # while the service is down
    baseline = await raw_read(baseline_group, count)
    processes = ServiceProcesses(port_base=port_base, log_dir=ROOT / "var" / "bench-catch-up",
                                 extra_env={"QA_KAFKA_GROUP_SUFFIX": suffix,
                                            "QA_MONGO_DATABASE": database})
    started = time.perf_counter()
    processes.start(service)
    try:
        await asyncio.to_thread(processes.wait_ready, 120.0, service)
        ready = time.perf_counter() - started
        while await lag(group, topics.AUDIT) > 0:
            await asyncio.sleep(0.1)
        audits_done = time.perf_counter() - started
        while await lag(group) > 0:
            await asyncio.sleep(0.1)
        all_done = time.perf_counter() - started
    finally:
        processes.stop()
        client = AsyncMongoClient(os.environ.get("QA_MONGO_URI", "mongodb://127.0.0.1:29017/"))
        await client.drop_database(database)
        await client.close()
    return {"raw consumer, s": baseline, "started and ready, s": ready,
            "qa.audit lag 0, s": audits_done, "every topic lag 0, s": all_done,
            "audits/s once ready": count / max(audits_done - ready, 1e-9),
            "ratio to raw (qa.audit lag 0 after ready)": (audits_done - ready) / baseline}


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--audits", type=int, default=1000)
    parser.add_argument("--port-base", type=int,
                        default=int(os.environ.get("QA_PORT_BASE", "28100")) + 400)
    args = parser.parse_args()
    for service in SERVICES:
        figures = await catch_up(service, args.audits, args.port_base)
        print(f"{service}, {args.audits} audits arrived while it was down:")
        for name, value in figures.items():
            print(f"  {name:<45} {value:8.2f}")


if __name__ == "__main__":
    asyncio.run(main())
