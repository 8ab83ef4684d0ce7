"""An example of another system subscribing to the platform's events: a BI tool that counts
audit grades per month. It needs only Kafka and the published contract files, not the
platform's code:

- schemas/generated/asyncapi.json: which topic (channel address) carries which event types,
  and what the Kafka key is;
- schemas/generated/json/<event_type>.json: the JSON Schema of each event's envelope.

Run:  python -m examples.count_grades --bootstrap 127.0.0.1:19092 --from-start --month 2026-11
"""

from __future__ import annotations

import argparse
import asyncio
import json
import time
from collections import Counter, defaultdict
from pathlib import Path

from aiokafka import AIOKafkaConsumer
from jsonschema import Draft202012Validator

CONTRACTS = Path(__file__).resolve().parents[1] / "schemas" / "generated"
WANTED = "audit.submitted"


def topic_for(event_type: str) -> str:
    """Find the topic from the AsyncAPI document rather than hard-coding it."""
    document = json.loads((CONTRACTS / "asyncapi.json").read_text())
    for channel in document["channels"].values():
        if event_type in channel["messages"]:
            return channel["address"]
    raise SystemExit(f"no channel carries {event_type}")


def validator_for(event_type: str) -> Draft202012Validator:
    return Draft202012Validator(json.loads((CONTRACTS / "json" / f"{event_type}.json").read_text()))


async def count(bootstrap: str, group: str, *, from_start: bool, idle_seconds: float,
                month: str | None) -> dict:
    topic = topic_for(WANTED)
    validate = validator_for(WANTED)
    # One consumer group per consuming system and purpose ("bi-tool.grade-counter"): Kafka
    # keeps its position, so a restart carries on where it stopped. A new group with
    # auto_offset_reset="earliest" (or seek_to_beginning) replays the topic from the start.
    consumer = AIOKafkaConsumer(topic, bootstrap_servers=bootstrap, group_id=group,
                                auto_offset_reset="earliest", enable_auto_commit=False)
    await consumer.start()
    grades: dict[str, Counter] = defaultdict(Counter)
    seen = {"counted": 0, "other_types": 0, "invalid": 0}
    try:
        if from_start:
            await consumer.seek_to_beginning()
        last = time.monotonic()
        while time.monotonic() - last < idle_seconds:
            batch = await consumer.getmany(timeout_ms=500)
            for records in batch.values():
                last = time.monotonic()
                for record in records:
                    envelope = json.loads(record.value)
                    if envelope.get("event_type") != WANTED:
                        seen["other_types"] += 1  # tolerant reader: skip what we don't use
                        continue
                    if not validate.is_valid(envelope):
                        seen["invalid"] += 1
                        continue
                    data = envelope["data"]  # the key (record.key) is the audit_id
                    if month is None or data["month"] == month:
                        grades[data["month"]][data["overall_grade"]] += 1
                        seen["counted"] += 1
            await consumer.commit()  # only after the batch is processed: at-least-once
    finally:
        await consumer.stop()
    return {"topic": topic, **seen, "grades": {m: dict(c) for m, c in sorted(grades.items())}}


def main() -> None:
    parser = argparse.ArgumentParser(description="Count audit grades per month from Kafka")
    parser.add_argument("--bootstrap", default="127.0.0.1:19092")
    parser.add_argument("--group", default="bi-tool.grade-counter")
    parser.add_argument("--from-start", action="store_true", help="replay the topic")
    parser.add_argument("--idle-seconds", type=float, default=3.0,
                        help="stop after this long without new messages")
    parser.add_argument("--month", help="only this month (YYYY-MM)")
    args = parser.parse_args()
    result = asyncio.run(count(args.bootstrap, args.group, from_start=args.from_start,
                               idle_seconds=args.idle_seconds, month=args.month))
    print(json.dumps(result))


if __name__ == "__main__":
    main()
