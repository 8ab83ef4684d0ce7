"""How soon an overdue alert is published after the due moment, and how soon it reaches a
connected browser (an SSE client) after that; against a baseline in the same run: a bare
Kafka produce-to-consume round trip on the same broker. Measured twice: on a quiet stack,
then while the demo year is loading (the five services as processes and tools/demo writing
into them on the same Kafka and store: bench/demo_load.py).

    source deploy/local/env.sh && use_profile test && infra start
    .venv/bin/python bench/overdue_alert_latency.py --rounds 20 [--quiet-only]

Action tracking runs in this process on the real Kafka and store, with its own database and
consumer group (so under load it also applies the demo's events as they arrive); its clock
is set so each action's due moment falls 1.5 s ahead in real time (the engine sleeps until
then, exactly as it would for a real date).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import statistics
import sys
import time
import uuid
from pathlib import Path
from datetime import UTC, datetime, timedelta

import httpx
from aiokafka import AIOKafkaConsumer, AIOKafkaProducer

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # run as a script from anywhere

from bench.demo_load import demo_loading
from schemas import topics
from services.action_tracking.domain.deadlines import deadline_id, due_moment
from shared.england_time import england_today
from tests.support.action_tracking import (drop_database, fresh_settings, in_directory,
                                           running, sse_alerts, staff)
from tests.support.auth import bearer
from tests.support.kafka import BOOTSTRAP
from tests.support.waiting import eventually

LEAD = 1.5  # seconds between setting the clock and the due moment


async def kafka_baseline(rounds: int) -> list[float]:
    topic = f"bench.baseline.{uuid.uuid4().hex[:8]}"
    producer = AIOKafkaProducer(bootstrap_servers=BOOTSTRAP, acks="all")
    consumer = AIOKafkaConsumer(topic, bootstrap_servers=BOOTSTRAP, auto_offset_reset="earliest")
    await producer.start()
    await producer.send_and_wait(topic, b"warm-up")
    await consumer.start()
    await consumer.getone()
    samples = []
    try:
        for _ in range(rounds):
            started = time.perf_counter()
            await producer.send_and_wait(topic, b"x")
            await consumer.getone()
            samples.append(time.perf_counter() - started)
    finally:
        await consumer.stop()
        await producer.stop()
    return samples


class AlertsOnKafka:
    """When each alert was published: its record's timestamp on qa.alert (set by the
    producer as it sends), by alert id (the record's key). Alerts keep no publishing time
    since they go out through the outbox."""

    def __init__(self, consumer: AIOKafkaConsumer) -> None:
        self.consumer = consumer
        self.produced: dict[str, float] = {}
        self.task = asyncio.create_task(self._read())

    @classmethod
    async def start(cls) -> AlertsOnKafka:
        consumer = AIOKafkaConsumer(topics.ALERT, bootstrap_servers=BOOTSTRAP,
                                    auto_offset_reset="latest")
        await consumer.start()
        await eventually(lambda: asyncio.sleep(0, consumer.assignment()), what="assigned")
        for partition in consumer.assignment():  # at the end now, before any round
            await consumer.position(partition)
        return cls(consumer)

    async def _read(self) -> None:
        async for record in self.consumer:
            if record.key:
                self.produced.setdefault(record.key.decode(), record.timestamp / 1000)

    async def stop(self) -> None:
        self.task.cancel()
        await asyncio.gather(self.task, return_exceptions=True)
        await self.consumer.stop()


async def measure(rounds: int) -> tuple[list[float], list[float]]:
    settings = fresh_settings(engine_max_sleep_seconds=5.0)
    team, owner, manager = (f"bench-{n}-{uuid.uuid4().hex[:6]}" for n in ("team", "sw", "tm"))
    publish_delays, browser_delays = [], []
    try:
        async with running(settings) as tracking, httpx.AsyncClient() as http:
            await staff(team=team, people={owner: manager, manager: None})
            await in_directory(tracking, owner, manager)
            on_kafka = await AlertsOnKafka.start()
            arrived: list[dict] = []
            ready = asyncio.Event()
            received_at: dict[str, float] = {}
            reader = asyncio.create_task(sse_alerts(
                tracking.url, bearer("team_manager", sub=manager, team=team), arrived, ready))
            async with asyncio.timeout(30):
                await ready.wait()
            for n in range(rounds):
                due = england_today() + timedelta(days=20 + n)
                body = {"origin": {"kind": "performance_clinic", "id": f"bench-{n}"},
                        "key": uuid.uuid4().hex[:8], "description": "Synthetic benchmark action",
                        "owner_id": owner, "due_date": str(due)}
                action = (await http.post(f"{tracking.url}/actions", json=body,
                                          headers=bearer("team_manager", sub=manager))).json()
                await eventually(lambda: tracking.deps.deadlines.collection.find_one(
                    {"_id": deadline_id("action", action["_id"])}), what="deadline registered")
                moment = due_moment(due)
                tracking.clock.jump_to(moment - timedelta(seconds=LEAD))
                due_real = (moment - tracking.clock.offset).timestamp()

                def overdue():
                    for alert in arrived:
                        if alert["about_id"] == action["_id"] and alert["kind"] == "overdue":
                            received_at.setdefault(alert["alert_id"], time.time())
                            return alert
                    return None

                alert = await eventually(lambda: asyncio.sleep(0, overdue()), interval=0.002,
                                         what="overdue alert in the browser stream")
                published = await eventually(
                    lambda: asyncio.sleep(0, on_kafka.produced.get(alert["alert_id"])),
                    interval=0.01, what="the alert on qa.alert")
                publish_delays.append(published - due_real)
                browser_delays.append(received_at[alert["alert_id"]] - published)
            reader.cancel()
            await asyncio.gather(reader, return_exceptions=True)
            await on_kafka.stop()
            others = await tracking.deps.alerts.collection.count_documents({}) - rounds * 2
            print(f"context: {others} other alerts fell due in the same run (earlier rounds' "
                  "actions reaching escalation as the clock moves on)")
    finally:
        await drop_database(settings)
    return publish_delays, browser_delays


def summary(name: str, samples: list[float]) -> dict:
    ordered = sorted(samples)
    return {"measure": name, "n": len(ordered),
            "median_ms": round(statistics.median(ordered) * 1000, 1),
            "p95_ms": round(ordered[max(0, int(len(ordered) * 0.95) - 1)] * 1000, 1),
            "max_ms": round(ordered[-1] * 1000, 1)}


async def measured(rounds: int, when: str) -> tuple[list[dict], bool]:
    baseline = await kafka_baseline(rounds * 3)
    publish_delays, browser_delays = await measure(rounds)
    rows = [summary(f"{when}: baseline Kafka produce→consume", baseline),
            summary(f"{when}: due moment → alert published", publish_delays),
            summary(f"{when}: alert published → SSE client", browser_delays),
            summary(f"{when}: due moment → SSE client",
                    [a + b for a, b in zip(publish_delays, browser_delays)])]
    return rows, max(publish_delays) < 1.0 and max(browser_delays) < 1.0


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rounds", type=int, default=10)
    parser.add_argument("--quiet-only", action="store_true",
                        help="skip the second measurement, under the demo's load")
    args = parser.parse_args()
    rows, ok = await measured(args.rounds, "quiet")
    for row in rows:
        print(json.dumps(row, ensure_ascii=False), flush=True)
    if not args.quiet_only:
        async with demo_loading() as demo:
            await demo.mark()
            rows, ok_loaded = await measured(args.rounds, "demo loading")
            await demo.mark()
            for row in rows:
                print(json.dumps(row, ensure_ascii=False))
            print(json.dumps({"context": "demo loading", "still_loading_at_end":
                              demo.still_loading,
                              "events_per_second": round(demo.events_per_second(), 1),
                              "load_average_1min": round(os.getloadavg()[0], 1),
                              "demo_log": str(demo.log)}))
        ok = ok and ok_loaded
    print(f"target (≤1 s each, every round): {'met' if ok else 'NOT met'}; "
          f"run at {datetime.now(UTC):%Y-%m-%d %H:%M} UTC")


if __name__ == "__main__":
    asyncio.run(main())
