"""Reading what really reached a Kafka topic, from a position taken before the action."""

from __future__ import annotations

import json
import os
import time
from collections.abc import Callable
from typing import Any

from aiokafka import AIOKafkaConsumer, TopicPartition

from pymongo import AsyncMongoClient

from schemas import topics
from shared.kafka import ensure_topics
from shared.personal_data.envelopes import PersonalData
from shared.personal_data.keyring import keyring_for
from shared.settings import ServiceSettings

BOOTSTRAP = os.environ.get("QA_KAFKA_BOOTSTRAP", "127.0.0.1:29092")
_personal: PersonalData | None = None


def personal_data() -> PersonalData:
    """The services' key ring, as the suite's services use it (the same master key file and
    store), so a test reads a topic's personal data as a consuming service would."""
    global _personal
    if _personal is None:
        settings = ServiceSettings()
        _personal = PersonalData(keyring_for(settings, AsyncMongoClient(settings.mongo_uri)))
    return _personal


async def opened(raw: bytes) -> dict[str, Any]:
    """A message as a consuming service reads it: sealed personal data opened."""
    return json.loads((await personal_data().open_raw([raw]))[0])


class TopicTail:
    """`async with TopicTail(topic) as tail:` act, then `await tail.wait_for(predicate)`.
    Messages are shown with their personal data opened, as a service reads them; with
    `sealed=True`, as they are on the topic."""

    def __init__(self, topic: str, *, sealed: bool = False) -> None:
        self.topic = topic
        self.sealed = sealed
        self.consumer = AIOKafkaConsumer(bootstrap_servers=BOOTSTRAP, enable_auto_commit=False)
        self.start_offsets: dict[TopicPartition, int] = {}
        self.unexamined: list[Any] = []  # fetched, not yet shown to a predicate

    async def __aenter__(self) -> TopicTail:
        await self.consumer.start()
        try:
            partitions = [TopicPartition(self.topic, p)
                          for p in sorted(await self._partitions())]
        except BaseException:
            await self.consumer.stop()
            raise
        self.consumer.assign(partitions)
        self.start_offsets = await self.consumer.end_offsets(partitions)
        for tp, offset in self.start_offsets.items():
            self.consumer.seek(tp, offset)
        return self

    async def _partitions(self) -> set[int]:
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            found = self.consumer.partitions_for_topic(self.topic)
            if found:
                return found
            await self.consumer._client.force_metadata_update()
        raise AssertionError(f"topic {self.topic} does not exist")

    async def __aexit__(self, *exc: object) -> None:
        await self.consumer.stop()

    async def wait_for(self, predicate: Callable[[dict[str, Any]], bool], *,
                       timeout: float = 30.0) -> dict[str, Any]:
        """The next message that matches; those examined before it are passed over, those
        fetched with it but not yet examined wait for the next call."""
        deadline = time.monotonic() + timeout
        while True:
            while self.unexamined:
                value = await self._read(self.unexamined.pop(0).value)
                if predicate(value):
                    return value
            if time.monotonic() >= deadline:
                break
            batches = await self.consumer.getmany(timeout_ms=200)
            self.unexamined = [r for records in batches.values() for r in records]
        raise AssertionError(f"no matching message on {self.topic} within {timeout}s")

    async def examine_to_end(self, visit: Callable[[dict[str, Any]], object]) -> None:
        """Show `visit` every message not yet examined, up to the topic's end as of now."""
        ends = await self.consumer.end_offsets(list(self.start_offsets))
        while True:
            while self.unexamined:
                visit(await self._read(self.unexamined.pop(0).value))
            positions = {tp: await self.consumer.position(tp) for tp in ends}
            if all(positions[tp] >= end for tp, end in ends.items()):
                return
            batches = await self.consumer.getmany(timeout_ms=200)
            self.unexamined = [r for records in batches.values() for r in records]

    async def _read(self, raw: bytes) -> dict[str, Any]:
        return json.loads(raw) if self.sealed else await opened(raw)

    async def new_message_count(self) -> int:
        ends = await self.consumer.end_offsets(list(self.start_offsets))
        return sum(ends[tp] - start for tp, start in self.start_offsets.items())


async def start_group_at_end(group: str, *, replay: tuple[str, ...] = ()) -> None:
    """Commit the current end of every topic (but `replay`) for a new consumer group, so a
    test instance reads only what happens from now on instead of the whole suite's history
    (qa.feedback alone can hold a 100,000-row import)."""
    await ensure_topics(ServiceSettings(), topics.ALL)  # a fresh broker has none yet
    consumer = AIOKafkaConsumer(bootstrap_servers=BOOTSTRAP, group_id=group,
                                enable_auto_commit=False)
    await consumer.start()
    try:
        partitions = [TopicPartition(topic, p) for topic in topics.ALL if topic not in replay
                      for p in (consumer.partitions_for_topic(topic)
                                or await _partitions(consumer, topic))]
        consumer.assign(partitions)
        ends = await consumer.end_offsets(partitions)
        if ends:
            await consumer.commit(dict(ends))
    finally:
        await consumer.stop()


async def _partitions(consumer: AIOKafkaConsumer, topic: str) -> set[int]:
    await consumer._client.force_metadata_update()
    return consumer.partitions_for_topic(topic) or set()
