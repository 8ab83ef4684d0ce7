"""Poison too big to dead-letter whole (issue 18, defect 1): a message of about 1 MB, and one
just under the broker's limit, is dead-lettered (truncated, with its sha256 and size) and the
events after it on its partition are applied; the group's lag returns to 0. Before the fix
the dead letter itself was too large, the consumer took that for an outage, and redelivered
the poison for ever."""

from __future__ import annotations

import base64
import hashlib
import json

import pytest
from aiokafka import AIOKafkaConsumer, AIOKafkaProducer, TopicPartition
from aiokafka.admin import AIOKafkaAdminClient
from aiokafka.admin.config_resource import ConfigResource, ConfigResourceType

from schemas import topics
from schemas.audit import AuditSubmitted
from shared.consumer import BatchOutcome, TopicRoutes
from shared.kafka import ensure_topics
from tests.support.events import audit_submitted, envelope_for
from tests.support.factories import uid
from tests.support.kafka import BOOTSTRAP, TopicTail
from tests.support.waiting import eventually

KEY = b"one-partition"


async def topic_limit(topic: str) -> int:
    """The topic's max.message.bytes as the broker sees it (its record-batch limit)."""
    admin = AIOKafkaAdminClient(bootstrap_servers=BOOTSTRAP)
    await admin.start()
    try:
        [response] = await admin.describe_configs(
            [ConfigResource(ConfigResourceType.TOPIC, topic)])
        [(_, _, _, _, entries)] = response.resources
        return next(int(e[1]) for e in entries if e[0] == "max.message.bytes")
    finally:
        await admin.close()


async def lag(group: str, topic: str) -> int:
    """What the group has still to commit on `topic`, summed over its partitions."""
    admin = AIOKafkaAdminClient(bootstrap_servers=BOOTSTRAP)
    reader = AIOKafkaConsumer(bootstrap_servers=BOOTSTRAP)
    await admin.start()
    await reader.start()
    try:
        committed = await admin.list_consumer_group_offsets(group)
        [described] = await admin.describe_topics([topic])
        partitions = [p["partition"] for p in described["partitions"]]
        ends = await reader.end_offsets([TopicPartition(topic, p) for p in partitions])
    finally:
        await reader.stop()
        await admin.close()
    assert ends, f"no partitions of {topic}"
    return sum(end - (committed[tp].offset if tp in committed else 0)
               for tp, end in ends.items())


async def produce(topic: str, values: list[bytes]) -> None:
    producer = AIOKafkaProducer(bootstrap_servers=BOOTSTRAP, max_request_size=4 * 1024 * 1024,
                                acks="all")
    await producer.start()
    try:
        for value in values:
            await producer.send_and_wait(topic, value, key=KEY)
    finally:
        await producer.stop()


async def subscribe(runtime, topic: str, mode: str, seen: list[str]) -> None:
    if mode == "one_by_one":
        async def handler(data, envelope):
            seen.append(data.audit_id)

        runtime.consumer.subscribe(TopicRoutes(topic, {AuditSubmitted: handler}))
    else:
        async def batch(records):
            outcome = BatchOutcome()
            for record in records:
                try:
                    seen.append(json.loads(record.value)["data"]["audit_id"])
                except ValueError:
                    outcome.rejected.append((record, "undecodable", "not JSON"))
            return outcome

        runtime.consumer.subscribe_batches([topic], batch)
    await runtime.broker.start()


@pytest.mark.parametrize("mode", ["one_by_one", "batches"])
@pytest.mark.parametrize("size", ["1MB", "just_under_the_limit"])
async def test_poison_too_big_to_dead_letter_whole_does_not_block_its_partition(
        runtime, mode, size):
    topic = uid("itest.poison")
    await ensure_topics(runtime.settings, (topic,))
    limit = await topic_limit(topic)
    poison = (b"{" + b"B" * 1_000_000 if size == "1MB"
              else b"{" + b"B" * (limit - 200))  # the batch and record headers take < 200
    valid = [audit_submitted() for _ in range(3)]
    seen: list[str] = []
    await subscribe(runtime, topic, mode, seen)
    async with TopicTail(topics.DEADLETTER) as tail:
        await produce(topic, [poison] + [envelope_for(e).to_bytes() for e in valid])
        letter = await tail.wait_for(lambda m: m["original_topic"] == topic, timeout=60)

    async def caught_up():
        return seen == [e.audit_id for e in valid] and await lag(
            runtime.settings.consumer_group, topic) == 0

    await eventually(caught_up, timeout=60, what="events after the poison applied, lag 0")
    assert letter["value_truncated"] is True
    assert letter["value_size"] == len(poison)
    assert letter["value_sha256"] == hashlib.sha256(poison).hexdigest()
    assert poison.startswith(base64.b64decode(letter["value_b64"]))
