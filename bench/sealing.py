"""What sealing personal data costs (shared/personal_data), as a ratio to the same path
without it, in one run on the test Kafka and store.

    make bench-sealing [BENCH_ARGS="--count 2000"]

- Publishing: the shared EventPublisher sends `count` audit.submitted events, one awaited
  acknowledgement each (what a request does), without sealing and with it: each about a
  child of its own (a key made in the store per event: the worst case) and about the same 50
  children over again (their keys cached).
- Projecting: reporting's batch projector (ProjectionHandlers.apply_batch, chunks of 500, as
  the live consumer hands them over) stores the facts of the same events read back from the
  topic, clear and sealed (opening looks the keys up once per chunk).
- In the process alone: microseconds to seal and to open one event's marked fields.
"""

from __future__ import annotations

import argparse
import asyncio
import time

from aiokafka import AIOKafkaConsumer, TopicPartition
from pymongo import AsyncMongoClient

from services.reporting.adapters.facts import FactStore, indexes
from services.reporting.application.projections import ProjectionHandlers
from services.reporting.domain.facts import FACT_FUNCTIONS
from shared.kafka import EventPublisher, ensure_topics, make_broker
from shared.metrics import PlatformMetrics
from shared.personal_data.envelopes import PersonalData, marked_paths
from shared.personal_data.keyring import keyring_for
from shared.personal_data.sealing import new_key, open_fields, seal_fields
from shared.producer import DirectProducer
from shared.settings import ServiceSettings
from shared.store import Store
from tests.support.events import audit_submitted
from tests.support.factories import uid

ALL_TYPES = frozenset(model.event_type for model in FACT_FUNCTIONS)
BATCH = 500


async def publish(publisher: EventPublisher, events: list, topic: str) -> float:
    await publisher.publish(publisher.envelope(events[0], correlation_id="warm"), topic)
    started = time.perf_counter()
    for event in events:
        await publisher.publish(publisher.envelope(event, correlation_id="bench"), topic)
    return time.perf_counter() - started


async def read_back(settings: ServiceSettings, topic: str, count: int) -> list:
    consumer = AIOKafkaConsumer(bootstrap_servers=settings.kafka_bootstrap,
                                enable_auto_commit=False)
    await consumer.start()
    try:
        while not consumer.partitions_for_topic(topic):  # metadata of a topic not subscribed
            await consumer._client.force_metadata_update()
        partitions = [TopicPartition(topic, p) for p in consumer.partitions_for_topic(topic)]
        consumer.assign(partitions)
        await consumer.seek_to_beginning(*partitions)
        records: list = []
        while len(records) < count + 1:
            batches = await consumer.getmany(timeout_ms=1000, max_records=5000)
            records += [r for rs in batches.values() for r in rs]
        return records[-count:]
    finally:
        await consumer.stop()


async def project(settings: ServiceSettings, records: list, topic: str,
                  personal: PersonalData | None) -> float:
    store = Store.connect(settings.model_copy(update={"mongo_database": uid("bench_proj")}),
                          indexes(0))
    await store.create_indexes()
    projections = ProjectionHandlers(FactStore(store), {topic: ALL_TYPES}, personal=personal)
    started = time.perf_counter()
    for start in range(0, len(records), BATCH):
        outcome = await projections.apply_batch(records[start:start + BATCH])
        assert not outcome.rejected, outcome.rejected[:1]
    elapsed = time.perf_counter() - started
    await store.client.drop_database(store.db.name)
    await store.close()
    return elapsed


def in_process(samples: int = 2000) -> tuple[float, float]:
    key, data = new_key(), audit_submitted().model_dump(mode="json")
    paths = marked_paths("audit.submitted")
    started = time.perf_counter()
    sealed = [seal_fields(data, paths, kid="k" * 32, key=key) for _ in range(samples)]
    sealing = (time.perf_counter() - started) / samples
    started = time.perf_counter()
    for one in sealed:
        open_fields(one, {"k" * 32: key})
    return sealing * 1e6, (time.perf_counter() - started) / samples * 1e6


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=2000)
    args = parser.parse_args()
    run = uid("bench").replace("-", "_")
    settings = ServiceSettings(service_name="bench_sealing", key_database=f"{run}_keys")
    topics = {name: f"bench.sealing.{name}.{run}" for name in ("clear", "new", "cached")}
    await ensure_topics(settings, tuple(topics.values()))
    metrics = PlatformMetrics.create()
    broker = make_broker(settings, metrics)
    await broker.start()
    client = AsyncMongoClient(settings.mongo_uri)
    keyring = keyring_for(settings, client)
    await keyring.prepare()
    personal = PersonalData(keyring)
    direct = DirectProducer(settings)
    plain = EventPublisher(broker, source="bench", metrics=metrics, timeout=10, direct=direct)
    sealed = EventPublisher(broker, source="bench", metrics=metrics, timeout=10, direct=direct,
                            personal=personal)
    children = [uid("BENCH-CASE") for _ in range(50)]
    events = [audit_submitted() for _ in range(args.count)]
    again = [audit_submitted(case_ref=children[n % 50]) for n in range(args.count)]
    try:
        times = {"clear": await publish(plain, events, topics["clear"]),
                 "new": await publish(sealed, events, topics["new"]),
                 "cached": await publish(sealed, again, topics["cached"])}
        clear_records = await read_back(settings, topics["clear"], args.count)
        sealed_records = await read_back(settings, topics["new"], args.count)
        projecting = {"clear": await project(settings, clear_records, topics["clear"], None),
                      "sealed": await project(settings, sealed_records, topics["new"], personal)}
    finally:
        await direct.stop()
        await broker.stop()
        await client.drop_database(f"{run}_keys")
        await client.close()
    seal_us, open_us = in_process()
    rate = lambda seconds: args.count / seconds  # noqa: E731
    print(f"events: {args.count} audit.submitted, "
          f"{len(marked_paths('audit.submitted'))} marked fields each")
    print("| path | without sealing, events/s | with sealing, events/s | ratio |")
    print("|---|---|---|---|")
    print(f"| publishing, a new child each (key made) | {rate(times['clear']):,.0f} | "
          f"{rate(times['new']):,.0f} | {times['clear'] / times['new']:.2f} |")
    print(f"| publishing, 50 children over again (keys cached) | {rate(times['clear']):,.0f} | "
          f"{rate(times['cached']):,.0f} | {times['clear'] / times['cached']:.2f} |")
    print(f"| projecting (reporting's batches) | {rate(projecting['clear']):,.0f} | "
          f"{rate(projecting['sealed']):,.0f} | "
          f"{projecting['clear'] / projecting['sealed']:.2f} |")
    print(f"in process: sealing {seal_us:.0f} µs, opening {open_us:.0f} µs an event "
          "(mean of 2,000)")


if __name__ == "__main__":
    asyncio.run(main())
