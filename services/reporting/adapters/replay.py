"""Reading topics from the very start, without a consumer group (nothing is committed)."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Sequence
from dataclasses import dataclass

from aiokafka import AIOKafkaConsumer, TopicPartition
from aiokafka.structs import ConsumerRecord


@dataclass
class TopicReader:
    bootstrap: str
    topics: Sequence[str]
    batch: int = 2000

    async def __aenter__(self) -> TopicReader:
        self.consumer = AIOKafkaConsumer(bootstrap_servers=self.bootstrap,
                                         enable_auto_commit=False, group_id=None,
                                         max_poll_records=self.batch,
                                         fetch_max_bytes=16 * 1024 * 1024)
        await self.consumer.start()
        self.partitions = await self._partitions()
        self.consumer.assign(self.partitions)
        await self.consumer.seek_to_beginning(*self.partitions)
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.consumer.stop()

    async def _partitions(self) -> list[TopicPartition]:
        await self.consumer._client.force_metadata_update()
        found = []
        for topic in self.topics:
            for p in sorted(self.consumer.partitions_for_topic(topic) or ()):
                found.append(TopicPartition(topic, p))
        return found

    async def ends(self) -> dict[TopicPartition, int]:
        return await self.consumer.end_offsets(self.partitions)

    async def remaining(self, ends: dict[TopicPartition, int]) -> int:
        total = 0
        for tp, end in ends.items():
            total += max(0, end - await self.consumer.position(tp))
        return total

    async def read_until(self, ends: dict[TopicPartition, int]
                         ) -> AsyncIterator[list[ConsumerRecord]]:
        """Batches in partition order until every partition has reached `ends`."""
        pending = {tp for tp, end in ends.items() if end > 0}
        while pending:
            for tp in list(pending):
                if await self.consumer.position(tp) >= ends[tp]:
                    pending.discard(tp)
            if not pending:
                return
            fetched = await self.consumer.getmany(*pending, timeout_ms=500)
            for tp, records in fetched.items():
                wanted = [r for r in records if r.offset < ends[tp]]
                if wanted:
                    yield wanted
            await asyncio.sleep(0)
