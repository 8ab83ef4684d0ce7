"""How much the shared publisher costs over a raw aiokafka producer, in the same run.

    make bench-bus        # starts Kafka and the store for `make run` if needed

Both sides publish the same number of AuditSubmitted-sized messages with acks=all and the
idempotent producer, one awaited acknowledgement at a time (what an HTTP request does).
"""

from __future__ import annotations

import argparse
import asyncio
import time
import uuid

from aiokafka import AIOKafkaProducer

from shared.kafka import EventPublisher, ensure_topics, make_broker
from shared.producer import DirectProducer
from shared.metrics import PlatformMetrics
from shared.settings import ServiceSettings
from tests.support.events import audit_submitted

TOPIC = "bench.event_bus"


async def raw_aiokafka(settings: ServiceSettings, payloads: list[bytes]) -> float:
    producer = AIOKafkaProducer(bootstrap_servers=settings.kafka_bootstrap, acks="all",
                                enable_idempotence=True)
    await producer.start()
    try:
        started = time.perf_counter()
        for payload in payloads:
            await producer.send_and_wait(TOPIC, payload, key=uuid.uuid4().bytes)
        return time.perf_counter() - started
    finally:
        await producer.stop()


async def shared_publisher(settings: ServiceSettings, count: int) -> float:
    metrics = PlatformMetrics.create()
    broker = make_broker(settings, metrics)
    await broker.start()
    direct = DirectProducer(settings)  # as Runtime.build makes it for every service
    publisher = EventPublisher(broker, source="bench", metrics=metrics, timeout=10,
                               direct=direct)
    events = [audit_submitted() for _ in range(count)]
    await publisher.publish(publisher.envelope(events[0], correlation_id="bench"), TOPIC)
    try:
        started = time.perf_counter()
        for event in events:
            await publisher.publish(publisher.envelope(event, correlation_id="bench"), TOPIC)
        return time.perf_counter() - started
    finally:
        await direct.stop()
        await broker.stop()


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--count", type=int, default=2000)
    args = parser.parse_args()
    settings = ServiceSettings(service_name="bench")
    await ensure_topics(settings, (TOPIC,))
    publisher = EventPublisher(None, source="bench", metrics=PlatformMetrics.create(), timeout=1)
    sample = publisher.envelope(audit_submitted(), correlation_id="bench").to_bytes()
    payloads = [sample] * args.count
    await raw_aiokafka(settings, payloads[:100])  # warm up connections and metadata
    raw = await raw_aiokafka(settings, payloads)
    ours = await shared_publisher(settings, args.count)
    print(f"messages: {args.count} of {len(sample)} bytes, acks=all, one awaited ack each")
    print("| publisher | messages/s |\n|---|---|")
    print(f"| raw aiokafka send_and_wait | {args.count / raw:,.0f} |")
    print(f"| shared EventPublisher (envelope, direct aiokafka producer) | {args.count / ours:,.0f} |")
    print(f"ratio shared/raw: {raw / ours:.2f}")


if __name__ == "__main__":
    asyncio.run(main())
