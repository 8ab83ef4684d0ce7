"""One collection of aggregates, written with their events through the outbox. A service
gives each collection a repository (a subclass in its adapters/) whose named methods are the
only reads: no query leaves adapters/."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from schemas.base import EventData
from shared.envelope import Envelope
from shared.outbox import Outbox
from shared.store import Store


class Aggregates:
    def __init__(self, store: Store, outbox: Outbox, name: str) -> None:
        self.name = name
        self._collection = store.db[name]
        self.outbox = outbox

    def _envelopes(self, facts: Sequence[EventData],
                   correlation_id: str) -> list[tuple[EventData, Envelope]]:
        return [(f, self.outbox.publisher.envelope(f, correlation_id=correlation_id))
                for f in facts]

    async def create(self, document: dict[str, Any], facts: Sequence[EventData], *,
                     correlation_id: str) -> bool:
        """Store it and its events (VersionConflict if the id exists); True once published."""
        written = await self.outbox.insert(self.name, document,
                                           self._envelopes(facts, correlation_id))
        return await self.outbox.publish(written)

    async def change(self, current: dict[str, Any], changes: dict[str, Any],
                     facts: Sequence[EventData], *, correlation_id: str) -> bool:
        """Apply `changes` only if nobody changed it since `current` was read (else
        VersionConflict); True once its events are published."""
        await self.outbox.update(self.name, current["_id"], expected_version=current["version"],
                                 changes=changes,
                                 events=self._envelopes(facts, correlation_id))
        return await self.outbox.flush(self.name, current["_id"])

    async def publish_pending(self, aggregate_id: str) -> bool:
        """Publish what is still in the outbox for this aggregate (a request retried after
        its first attempt stored it); True once the broker has it all."""
        return await self.outbox.flush(self.name, aggregate_id)

    async def get(self, aggregate_id: str) -> dict[str, Any] | None:
        return await self._collection.find_one({"_id": aggregate_id})

    async def _find(self, query: dict[str, Any], *,
                    sort: str | list[tuple[str, int]] = "_id",
                    limit: int = 500) -> list[dict[str, Any]]:
        cursor = self._collection.find(query).sort(sort).limit(limit)
        return await cursor.to_list(None)

    async def _ids(self) -> set[str]:
        return {d["_id"] for d in await self._find({}, limit=100_000)}
