"""Reading what really reached a Kafka topic, from a position taken before the action."""

from __future__ import annotations

import json
import os
import time
from collections.abc import Callable
from typing import Any

from aiokafka import AIOKafkaConsumer, TopicPartition

BOOTSTRAP = os.environ.get("QA_KAFKA_BOOTSTRAP", "127.0.0.1:29092")


class TopicTail:
    """`async with TopicTail(topic) as tail:` act, then `await tail.wait_for(predicate)`."""

    def __init__(self, topic: str) -> None:
        self.topic = topic
        self.consumer = AIOKafkaConsumer(bootstrap_servers=BOOTSTRAP, enable_auto_commit=False)
        self.start_offsets: dict[TopicPartition, int] = {}

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
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            batches = await self.consumer.getmany(timeout_ms=200)
            for records in batches.values():
                for record in records:
                    value = json.loads(record.value)
                    if predicate(value):
                        return value
        raise AssertionError(f"no matching message on {self.topic} within {timeout}s")

    async def new_message_count(self) -> int:
        ends = await self.consumer.end_offsets(list(self.start_offsets))
        return sum(ends[tp] - start for tp, start in self.start_offsets.items())
