"""Reporting's projector against a raw aiokafka consumer reading the same topic, same run.

    make bench-reporting                 # uses the `make run` Kafka and store
    python -m bench.projector --events 1000000 --live-events 20000

1. Produce N synthetic events (audits, feedback, actions raised and completed) to a fresh
   topic. 2. A raw aiokafka consumer reads all N from the start (the baseline). 3. The
   rebuild path (batched, the same code as `python -m services.reporting.rebuild`) projects
   all N into a fresh database. 4. The live path (the shared FastStream consumer, one event
   at a time, as the running service applies them) projects the first M. 5. Freshness: at
   normal load, the time from publish to the fact being readable, over 50 events.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import statistics
import time
import uuid
from datetime import UTC, datetime

from aiokafka import AIOKafkaConsumer, AIOKafkaProducer, TopicPartition

from services.reporting.adapters.facts import FactStore, indexes
from services.reporting.adapters.loader import FreshGenerationLoader
from services.reporting.adapters.replay import TopicReader
from services.reporting.domain.facts import FACT_FUNCTIONS
from services.reporting.handlers.projections import ProjectionHandlers
from services.reporting.rebuild import load_fresh
from services.reporting.settings import ReportingSettings
from shared.consumer import TopicRoutes
from shared.kafka import ensure_topics
from shared.runtime import Runtime
from tests.support.factories import uid
from tests.support.reporting_scenario import month_of_events


def templates() -> list[dict]:
    """One envelope per event kind of a synthetic month, as JSON-ready dicts."""
    out = []
    for event in month_of_events("2031-03", "team-bench", "Bench theme"):
        out.append({"event_type": event.event_type, "schema_version": 1, "source": "bench",
                    "subject": event.subject(), "correlation_id": "bench",
                    "data": event.model_dump(mode="json")})
    return out


ID_FIELDS = ("audit_id", "action_id", "item_id", "complaint_id", "observation_id",
             "allocation_id", "moderation_id")


def payload(template: dict, n: int) -> tuple[bytes, bytes]:
    data = dict(template["data"])
    for field in ID_FIELDS:
        if field in data:
            data[field] = f"{data[field]}-{n}"
    key = f"{template['subject']}-{n}"
    envelope = {**template, "event_id": str(uuid.UUID(int=n + 1)), "subject": key,
                "occurred_at": datetime.now(UTC).isoformat(), "data": data}
    return json.dumps(envelope).encode(), key.encode()


async def produce(bootstrap: str, topic: str, count: int) -> float:
    shapes = templates()
    producer = AIOKafkaProducer(bootstrap_servers=bootstrap, acks="all", linger_ms=20,
                                max_batch_size=512 * 1024)
    await producer.start()
    started = time.perf_counter()
    try:
        pending = []
        for n in range(count):
            value, key = payload(shapes[n % len(shapes)], n)
            pending.append(await producer.send(topic, value, key=key))
            if len(pending) >= 5000:
                await asyncio.gather(*pending)
                pending = []
        await asyncio.gather(*pending)
    finally:
        await producer.stop()
    return time.perf_counter() - started


async def raw_consumer(bootstrap: str, topic: str, count: int) -> float:
    consumer = AIOKafkaConsumer(bootstrap_servers=bootstrap, enable_auto_commit=False,
                                group_id=None, max_poll_records=2000)
    await consumer.start()
    await consumer._client.force_metadata_update()
    parts = [TopicPartition(topic, p) for p in consumer.partitions_for_topic(topic)]
    consumer.assign(parts)
    await consumer.seek_to_beginning(*parts)
    started, seen = time.perf_counter(), 0
    while seen < count:
        for records in (await consumer.getmany(timeout_ms=500)).values():
            for record in records:
                json.loads(record.value)  # the least any consumer does: decode
            seen += len(records)
    elapsed = time.perf_counter() - started
    await consumer.stop()
    return elapsed


async def rebuild_path(settings: ReportingSettings, topic: str) -> tuple[float, int]:
    """The rebuild's own loading code (services.reporting.rebuild.load_fresh)."""
    runtime = Runtime.build(settings)
    runtime.store.indexes = indexes(0)  # the loader creates them once loaded
    facts = FactStore(runtime.store, generation=0)
    counts = {"applied": 0, "ignored": 0, "invalid": 0}
    started = time.perf_counter()
    async with TopicReader(settings.kafka_bootstrap, [topic]) as reader:
        await load_fresh(reader, FreshGenerationLoader(facts, runtime.store), counts,
                         progress=False)
    elapsed = time.perf_counter() - started
    stored, ceiling = await store_ceiling(runtime.store.db)
    print(f"rebuild stored {stored:,} fact documents; the store alone inserts those same "
          f"documents at {ceiling:,.0f}/s", flush=True)
    await runtime.store.client.drop_database(settings.database_name)
    await runtime.store.close()
    return elapsed, sum(counts.values())


async def store_ceiling(db) -> tuple[int, float]:
    """The store alone: every fact document the rebuild wrote, inserted again into empty
    collections in chunks as the loader does (no Kafka, no decoding). A rebuild that writes
    each fact once cannot be faster than this."""
    names = [c for c in await db.list_collection_names() if not c.startswith("ceiling_")]
    documents = {c: await db[c].find({}).to_list(None) for c in names}
    total = sum(len(d) for d in documents.values())
    started = time.perf_counter()
    for name, found in documents.items():
        for start in range(0, len(found), 2000):
            await db[f"ceiling_{name}"].insert_many(found[start:start + 2000], ordered=False)
    return total, total / (time.perf_counter() - started)


async def live_path(settings: ReportingSettings, topic: str, count: int,
                    freshness_samples: int) -> tuple[float, list[float]]:
    runtime = Runtime.build(settings)
    facts = FactStore(runtime.store)
    handlers = ProjectionHandlers(facts)
    runtime.consumer.subscribe(TopicRoutes(topic, {m: handlers.apply for m in FACT_FUNCTIONS}))
    handled = runtime.metrics.events_handled
    await runtime.broker.start()

    def total() -> float:
        return sum(s.value for m in handled.collect() for s in m.samples
                   if s.name.endswith("_total"))

    while total() < 1:  # joining the consumer group is not projection time
        await asyncio.sleep(0.01)
    started, first = time.perf_counter(), total()
    count -= int(first)
    while total() - first < count:
        await asyncio.sleep(0.05)
    elapsed = time.perf_counter() - started
    latencies = await freshness(runtime, topic, facts, freshness_samples)
    await runtime.broker.stop()
    await runtime.store.client.drop_database(settings.database_name)
    await runtime.store.close()
    return elapsed, latencies


async def freshness(runtime: Runtime, topic: str, facts: FactStore, samples: int) -> list[float]:
    """Publish one feedback item at a time and time until its fact can be read."""
    shape = next(t for t in templates() if t["event_type"] == "feedback.item_accepted")
    latencies = []
    for n in range(samples):
        value, key = payload(shape, 10_000_000 + n)
        fact_id = json.loads(value)["data"]["item_id"]
        started = time.perf_counter()
        await runtime.broker.publish(value, topic, key=key)
        while not await facts.count("feedback_facts", {"_id": fact_id}):
            await asyncio.sleep(0.005)
        latencies.append(time.perf_counter() - started)
        await asyncio.sleep(0.1)  # normal load: a trickle, not a flood
    return latencies


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=1_000_000)
    parser.add_argument("--live-events", type=int, default=20_000)
    parser.add_argument("--freshness-samples", type=int, default=50)
    args = parser.parse_args()
    base = ReportingSettings()
    topic = uid("bench.reporting")
    await ensure_topics(base, (topic,))
    produced = await produce(base.kafka_bootstrap, topic, args.events)
    print(f"produced {args.events:,} events in {produced:.1f}s to {topic}", flush=True)
    raw = await raw_consumer(base.kafka_bootstrap, topic, args.events)
    print(f"raw consumer read them in {raw:.1f}s", flush=True)
    name = uid("bench_reporting").replace("-", "_")
    rebuilt, applied = await rebuild_path(
        ReportingSettings(mongo_database=name + "_r", mongo_operation_timeout_ms=600_000), topic)
    print(f"rebuild path projected them in {rebuilt:.1f}s", flush=True)
    live_topic = uid("bench.reporting.live")
    await ensure_topics(base, (live_topic,))
    await produce(base.kafka_bootstrap, live_topic, args.live_events)
    live, latencies = await live_path(
        ReportingSettings(mongo_database=name + "_l", kafka_group_suffix="-" + name),
        live_topic, args.live_events, args.freshness_samples)
    print("| path | events | seconds | events/s | vs raw |\n|---|---|---|---|---|")
    raw_rate = args.events / raw
    for label, n, seconds in [("raw aiokafka consumer (decode only)", args.events, raw),
                              ("reporting rebuild (batched projection)", applied, rebuilt),
                              ("reporting live consumer (one by one)", args.live_events, live)]:
        print(f"| {label} | {n:,} | {seconds:.1f} | {n / seconds:,.0f} | "
              f"{(n / seconds) / raw_rate:.3f} |")
    q = statistics.quantiles(latencies, n=20)
    print(f"freshness at normal load over {len(latencies)} events: median "
          f"{statistics.median(latencies) * 1000:.0f} ms, p95 {q[18] * 1000:.0f} ms, "
          f"max {max(latencies) * 1000:.0f} ms")


if __name__ == "__main__":
    asyncio.run(main())
