"""How soon an overdue alert is published after the due moment, and how soon it reaches a
connected browser (an SSE client) after that; against a baseline in the same run: a bare
Kafka produce-to-consume round trip on the same broker.

    source deploy/local/env.sh && use_profile test && infra start
    .venv/bin/python bench/overdue_alert_latency.py --rounds 10

Action tracking runs in this process on the real Kafka and store, with its own database;
its clock is set so each action's due moment falls 1.5 s ahead in real time (the engine
sleeps until then, exactly as it would for a real date).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import statistics
import sys
import time
import uuid
from pathlib import Path
from datetime import UTC, date, datetime, timedelta

import httpx
from aiokafka import AIOKafkaConsumer, AIOKafkaProducer

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # run as a script from anywhere

from services.action_tracking.domain.deadlines import deadline_id, due_moment
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


async def measure(rounds: int) -> tuple[list[float], list[float]]:
    settings = fresh_settings(engine_max_sleep_seconds=5.0)
    team, owner, manager = (f"bench-{n}-{uuid.uuid4().hex[:6]}" for n in ("team", "sw", "tm"))
    publish_delays, browser_delays = [], []
    try:
        async with running(settings) as tracking, httpx.AsyncClient() as http:
            await staff(team=team, people={owner: manager, manager: None})
            await in_directory(tracking, owner, manager)
            arrived: list[dict] = []
            ready = asyncio.Event()
            received_at: dict[str, float] = {}
            reader = asyncio.create_task(sse_alerts(
                tracking.url, bearer("team_manager", sub=manager, team=team), arrived, ready))
            await asyncio.wait_for(ready.wait(), 30)
            for n in range(rounds):
                due = date.today() + timedelta(days=20 + n)
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
                stored = await eventually(lambda: tracking.deps.alerts.collection.find_one(
                    {"_id": alert["alert_id"], "published": True}), what="marked published")
                published = stored["published_at"].timestamp()
                publish_delays.append(published - due_real)
                browser_delays.append(received_at[alert["alert_id"]] - published)
            reader.cancel()
            await asyncio.gather(reader, return_exceptions=True)
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


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rounds", type=int, default=10)
    args = parser.parse_args()
    baseline = await kafka_baseline(args.rounds * 3)
    publish_delays, browser_delays = await measure(args.rounds)
    results = [summary("baseline: Kafka produce→consume", baseline),
               summary("due moment → alert published", publish_delays),
               summary("alert published → SSE client", browser_delays)]
    for row in results:
        print(json.dumps(row))
    ok = max(publish_delays) < 1.0 and max(browser_delays) < 1.0
    print(f"target (≤1 s each, every round): {'met' if ok else 'NOT met'}; "
          f"run at {datetime.now(UTC):%Y-%m-%d %H:%M} UTC")


if __name__ == "__main__":
    asyncio.run(main())
