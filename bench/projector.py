"""Reporting's projectors against a raw aiokafka consumer reading the same topic, same run.

    make bench-reporting                 # the test profile's Kafka and store
    python -m bench.projector --events 1000000

1. Produce N synthetic events (every kind of a synthetic month: audits, feedback, actions
   raised and completed, ...) to a fresh topic.
2. The baseline: a raw aiokafka consumer reads all N from the start (`getmany`, JSON decode
   only), before and again after the projectors (the machine is shared: two readings show
   how much the broker's speed moved during the run).
3. The live projector, as the running service consumes: the shared consumer's batch
   subscriber in a new consumer group, `ProjectionHandlers.apply_batch` (one-pass decoding;
   per chunk of 5,000 records and collection one read, an insert_many of the new facts and a
   bulk ReplaceOne of the changed ones; offsets committed after each batch), projects all N
   into an empty database.
4. The rebuild's own loading code (`rebuild.load_fresh`) projects all N into another one.
5. The limits, each alone: the store doing the live projector's writes for the same N
   events already decoded, chunk by chunk (`FactStore.apply_all`, no Kafka); the store
   inserting the rebuild's fact documents into indexed collections (`insert_many` of 2,000)
   as the loader does (no Kafka, no decoding); the decoding and fact functions alone (CPU, no I/O).
   Each row also gives the CPU time per event of this process, the store and Kafka.
6. The one-at-a-time consumer (the shared per-message subscriber: per event one read, one
   write and one offset commit, as reporting consumed before batches) on the first M events.
7. Freshness at normal load: publish one event every 0.1 s, time until its fact is readable.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import statistics
import time
import uuid
from datetime import UTC, datetime
from pathlib import Path

from aiokafka import AIOKafkaConsumer, AIOKafkaProducer, TopicPartition

from services.reporting.adapters.decoding import decode_live
from services.reporting.adapters.facts import FactStore, indexes
from services.reporting.adapters.loader import FreshGenerationLoader
from services.reporting.adapters.replay import TopicReader
from services.reporting.domain.facts import FACT_FUNCTIONS
from services.reporting.entrypoints.subscriptions import subscribe
from services.reporting.application.projections import CHUNK, ProjectionHandlers
from services.reporting.rebuild import load_fresh
from services.reporting.settings import ReportingSettings
from shared.consumer import TopicRoutes
from shared.kafka import ensure_topics
from shared.runtime import Runtime
from shared.store import IndexSpec, Store
from tests.support.factories import uid
from tests.support.reporting_scenario import month_of_events

ALL_TYPES = frozenset(model.event_type for model in FACT_FUNCTIONS)


def _pid(env: str, name: str) -> int | None:
    folder = os.environ.get(env)
    try:
        return int(Path(folder, name).read_text().strip()) if folder else None
    except (OSError, ValueError):
        return None


PROCESSES = {"this process": os.getpid(), "store": _pid("QA_STORE_DATA", "secantusd.pid"),
             "Kafka": _pid("QA_KAFKA_DATA", "kafka.pid")}
TICKS = os.sysconf("SC_CLK_TCK")


def cpu_seconds() -> dict[str, float]:
    """CPU time used so far by this process, the store and Kafka (from /proc; the local
    scripts' pid files): where a path's time goes, whatever else the machine is doing."""
    used = {}
    for name, pid in PROCESSES.items():
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
            used[name] = (int(fields[11]) + int(fields[12])) / TICKS
        except (OSError, IndexError, ValueError, TypeError):
            continue
    return used


class CpuMeter:
    """`with CpuMeter() as cpu:` ... then `cpu.per(n)`: CPU microseconds per item, each process."""

    def __enter__(self) -> CpuMeter:
        self.before = cpu_seconds()
        return self

    def __exit__(self, *exc: object) -> None:
        self.after = cpu_seconds()

    def per(self, n: int) -> str:
        return ", ".join(f"{name} {(self.after[name] - self.before[name]) / n * 1e6:.0f}"
                         for name in self.after if name in self.before)


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


async def raw_consumer(bootstrap: str, topic: str, count: int) -> tuple[float, str]:
    consumer = AIOKafkaConsumer(bootstrap_servers=bootstrap, enable_auto_commit=False,
                                group_id=None, max_poll_records=2000)
    await consumer.start()
    await consumer._client.force_metadata_update()
    parts = [TopicPartition(topic, p) for p in consumer.partitions_for_topic(topic)]
    consumer.assign(parts)
    await consumer.seek_to_beginning(*parts)
    started, seen = time.perf_counter(), 0
    with CpuMeter() as cpu:
        while seen < count:
            for records in (await consumer.getmany(timeout_ms=500)).values():
                for record in records:
                    json.loads(record.value)  # the least any consumer does: decode
                seen += len(records)
    elapsed = time.perf_counter() - started
    await consumer.stop()
    return elapsed, cpu.per(count)


def counted(runtime: Runtime) -> float:
    """Events the consumer has applied or skipped as of a type it keeps nothing of."""
    metrics = runtime.metrics
    return sum(sample.value for counter in (metrics.events_handled, metrics.events_ignored)
               for family in counter.collect() for sample in family.samples
               if sample.name.endswith("_total"))


async def consume_all(runtime: Runtime, count: int) -> tuple[float, str]:
    """Start the runtime's consumer and time it from its first event to its `count`th (the
    group join is not projection time)."""
    await runtime.broker.start()
    while counted(runtime) < 1:
        await asyncio.sleep(0.005)
    started, first = time.perf_counter(), counted(runtime)
    with CpuMeter() as cpu:
        while counted(runtime) < count:
            await asyncio.sleep(0.01)
    return (time.perf_counter() - started) * count / (count - first), cpu.per(
        int(count - first))


async def live_path(settings: ReportingSettings, topic: str, count: int,
                    freshness_samples: int) -> tuple[float, str, list[float], int]:
    """The running service's projector: batches from the shared consumer, in its own group."""
    runtime = Runtime.build(settings, indexes=indexes(0))
    await runtime.store.create_indexes()  # the service creates them at start-up
    facts = FactStore(runtime.store)
    projections = ProjectionHandlers(facts, {topic: ALL_TYPES}, personal=runtime.personal)
    subscribe(runtime.consumer, projections)  # as the service subscribes
    elapsed, cpu = await consume_all(runtime, count)
    stored = sum([await runtime.store.db[c].estimated_document_count()
                  for c in await runtime.store.db.list_collection_names()])
    latencies = await freshness(runtime, topic, facts, freshness_samples)
    await runtime.broker.stop()
    await runtime.store.client.drop_database(settings.database_name)
    await runtime.store.close()
    return elapsed, cpu, latencies, stored


async def one_by_one_path(settings: ReportingSettings, topic: str,
                          count: int) -> tuple[float, str]:
    """The shared per-message subscriber (per event one read, one write, one commit)."""
    runtime = Runtime.build(settings, indexes=indexes(0))
    await runtime.store.create_indexes()
    projections = ProjectionHandlers(FactStore(runtime.store))
    runtime.consumer.subscribe(TopicRoutes(topic, {m: projections.apply
                                                   for m in FACT_FUNCTIONS}))
    elapsed, cpu = await consume_all(runtime, count)
    await runtime.broker.stop()
    await runtime.store.client.drop_database(settings.database_name)
    await runtime.store.close()
    return elapsed, cpu


async def rebuild_path(settings: ReportingSettings,
                       topic: str) -> tuple[float, str, int, float, str]:
    """The rebuild's own loading code (services.reporting.rebuild.load_fresh); then the store
    alone inserting the fact documents it wrote."""
    runtime = Runtime.build(settings)
    runtime.store.indexes = indexes(0)  # the loader creates them first
    facts = FactStore(runtime.store, generation=0)
    counts = {"applied": 0, "ignored": 0, "invalid": 0}
    started = time.perf_counter()
    with CpuMeter() as cpu:
        async with TopicReader(settings.kafka_bootstrap, [topic]) as reader:
            await load_fresh(reader, FreshGenerationLoader(facts, runtime.store), counts,
                             runtime.personal, progress=False)
    elapsed = time.perf_counter() - started
    stored, ceiling, ceiling_cpu = await store_ceiling(runtime.store.db)
    await runtime.store.client.drop_database(settings.database_name)
    await runtime.store.close()
    return elapsed, cpu.per(sum(counts.values())), stored, ceiling, ceiling_cpu


async def store_ceiling(db) -> tuple[int, float, str]:
    """The store alone: every fact document the rebuild wrote, inserted again into empty,
    indexed collections in chunks as the loader does (no Kafka, no decoding). A rebuild that
    writes each fact once cannot be faster than this."""
    names = [c for c in await db.list_collection_names() if not c.startswith("ceiling_")]
    documents = {c: await db[c].find({}).to_list(None) for c in names}
    total = sum(len(d) for d in documents.values())
    ceiling = Store(client=db.client, db=db, indexes=[
        IndexSpec(f"ceiling_{spec.collection}", spec.keys) for spec in indexes(0)
        if spec.collection in documents])
    started = time.perf_counter()
    with CpuMeter() as cpu:
        await ceiling.create_indexes()
        for name, found in documents.items():
            for start in range(0, len(found), 2000):
                await db[f"ceiling_{name}"].insert_many(found[start:start + 2000],
                                                        ordered=False)
    return total, total / (time.perf_counter() - started), cpu.per(total)


async def read_values(bootstrap: str, topic: str, count: int) -> list[bytes]:
    values: list[bytes] = []
    async with TopicReader(bootstrap, [topic]) as reader:
        async for records in reader.read_until(await reader.ends()):
            values += [r.value for r in records]
            if len(values) >= count:
                break
    return values[:count]


def decode_alone(values: list[bytes]) -> tuple[float, str, list[list]]:
    """The live projector's decoding and fact functions alone: CPU, no I/O."""
    started = time.perf_counter()
    batches, pending = [], []
    with CpuMeter() as cpu:
        for n, value in enumerate(values, 1):
            pending += decode_live(value, ALL_TYPES).facts or ()
            if n % CHUNK == 0:
                batches.append(pending)
                pending = []
        batches.append(pending)
    return time.perf_counter() - started, cpu.per(len(values)), batches


async def live_store_alone(settings: ReportingSettings,
                           batches: list[list]) -> tuple[float, str]:
    """The store alone doing the live projector's writes: the same facts, chunk by chunk,
    already decoded (no Kafka)."""
    runtime = Runtime.build(settings, indexes=indexes(0))
    await runtime.store.create_indexes()
    facts = FactStore(runtime.store)
    started = time.perf_counter()
    with CpuMeter() as cpu:
        for pending in batches:
            await facts.apply_all(pending)
    elapsed = time.perf_counter() - started
    await runtime.store.client.drop_database(settings.database_name)
    await runtime.store.close()
    return elapsed, cpu.per(sum(map(len, batches)))


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
    parser.add_argument("--one-by-one-events", type=int, default=5_000)
    parser.add_argument("--freshness-samples", type=int, default=50)
    parser.add_argument("--skip", nargs="*", default=[],
                        choices=["live", "rebuild", "limits", "one-by-one"])
    args = parser.parse_args()
    n = args.events
    base = ReportingSettings()
    topic = uid("bench.reporting")
    await ensure_topics(base, (topic,))
    produced = await produce(base.kafka_bootstrap, topic, n)
    print(f"produced {n:,} events in {produced:.1f}s to {topic}", flush=True)
    name = uid("bench_reporting").replace("-", "_")

    def settings(suffix: str) -> ReportingSettings:
        return ReportingSettings(mongo_database=f"{name}_{suffix}",
                                 kafka_group_suffix=f"-{name}-{suffix}",
                                 mongo_operation_timeout_ms=600_000)

    rows: list[tuple[str, int, float, str, str]] = []
    raw, cpu = await raw_consumer(base.kafka_bootstrap, topic, n)
    rows.append(("raw aiokafka consumer (getmany, JSON decode only)", n, raw, "events", cpu))
    print(f"raw consumer read them in {raw:.1f}s", flush=True)
    freshness_ms: list[float] = []
    if "live" not in args.skip:
        live, cpu, freshness_ms, stored = await live_path(settings("live"), topic, n,
                                                          args.freshness_samples)
        rows.append((f"reporting live projector (batches; {stored:,} facts)", n, live,
                     "events", cpu))
        print(f"live projector: {live:.1f}s", flush=True)
    if "rebuild" not in args.skip:
        rebuilt, cpu, facts, ceiling, ceiling_cpu = await rebuild_path(settings("rebuild"),
                                                                       topic)
        rows.append((f"reporting rebuild (load_fresh; {facts:,} facts)", n, rebuilt, "events",
                     cpu))
        rows.append(("the store alone: those facts, insert_many of 2,000, indexed", facts,
                     facts / ceiling, "facts", ceiling_cpu))
        print(f"rebuild: {rebuilt:.1f}s", flush=True)
    if "limits" not in args.skip:
        values = await read_values(base.kafka_bootstrap, topic, n)
        decoding, cpu, batches = decode_alone(values)
        del values
        rows.append(("decoding and fact functions alone (CPU)", n, decoding, "events", cpu))
        alone, cpu = await live_store_alone(settings("store"), batches)
        rows.append(("the store alone: the live projector's writes, chunk by chunk", n, alone,
                     "events", cpu))
        print(f"limits: decoding {decoding:.1f}s, live writes {alone:.1f}s", flush=True)
    if "one-by-one" not in args.skip and args.one_by_one_events:
        m = min(args.one_by_one_events, n)
        one, cpu = await one_by_one_path(settings("one"), topic, m)
        rows.append(("one-at-a-time consumer (before batches)", m, one, "events", cpu))
    raw_after, cpu = await raw_consumer(base.kafka_bootstrap, topic, n)
    rows.append(("raw aiokafka consumer again, after the rest", n, raw_after, "events", cpu))

    raw_rate = n / raw
    print("| path | count | seconds | per second | vs raw (first, after) | CPU µs each |")
    print("|---|---|---|---|---|---|")
    for label, count, seconds, unit, cpu in rows:
        rate = count / seconds
        print(f"| {label} | {count:,} {unit} | {seconds:.1f} | {rate:,.0f} | "
              f"{rate / raw_rate:.2f}, {rate / (n / raw_after):.2f} | {cpu} |")
    if freshness_ms:
        q = statistics.quantiles(freshness_ms, n=20)
        print(f"freshness at normal load over {len(freshness_ms)} events: median "
              f"{statistics.median(freshness_ms) * 1000:.0f} ms, p95 {q[18] * 1000:.0f} ms, "
              f"max {max(freshness_ms) * 1000:.0f} ms")


if __name__ == "__main__":
    asyncio.run(main())
