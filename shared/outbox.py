"""State and the events it caused, stored in one document, then published.

The local store has no transactions, so an aggregate document carries its own outbox:
one atomic write stores the new state and the new events together. The events are then
published (in order) and pulled from the outbox; a relay republishes whatever a crash or
a broker outage left behind. Consumers are idempotent, so a repeat publish is harmless.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Sequence
from typing import Any

from pymongo import ReturnDocument
from pymongo.errors import DuplicateKeyError

from schemas.base import EventData

from .envelope import Envelope
from .kafka import BrokerUnavailable, EventPublisher
from .metrics import PlatformMetrics
from .store import IndexSpec, Store, ascending

log = logging.getLogger(__name__)
OUTBOX = "outbox"


class VersionConflict(Exception):
    """The aggregate changed (or already existed) since it was read."""


def outbox_index(collection: str) -> IndexSpec:
    return IndexSpec(collection, ascending(f"{OUTBOX}.event_id"), name="outbox_pending")


def pending(events: Sequence[tuple[EventData, Envelope]]) -> list[dict[str, Any]]:
    return [
        {"event_id": str(env.event_id), "topic": data.topic, "envelope": env.model_dump(mode="json")}
        for data, env in events
    ]


class Outbox:
    def __init__(
        self, store: Store, publisher: EventPublisher, metrics: PlatformMetrics,
        collections: Sequence[str],
    ) -> None:
        self.store = store
        self.publisher = publisher
        self.metrics = metrics
        self.collections = tuple(collections)

    async def insert(
        self, collection: str, document: dict[str, Any],
        events: Sequence[tuple[EventData, Envelope]],
    ) -> None:
        try:
            await self.store.db[collection].insert_one(
                {**document, "version": 1, OUTBOX: pending(events)}
            )
        except DuplicateKeyError as error:
            raise VersionConflict(f"{document['_id']} already exists") from error

    async def upsert_once(
        self, collection: str, document: dict[str, Any],
        events: Sequence[tuple[EventData, Envelope]],
    ) -> bool:
        """Insert if absent, else change nothing: for facts derived from consumed events."""
        result = await self.store.db[collection].update_one(
            {"_id": document["_id"]},
            {"$setOnInsert": {**document, "version": 1, OUTBOX: pending(events)}},
            upsert=True,
        )
        return result.upserted_id is not None

    async def update(
        self, collection: str, aggregate_id: str, *, expected_version: int,
        changes: dict[str, Any], events: Sequence[tuple[EventData, Envelope]],
    ) -> dict[str, Any]:
        updated = await self.store.db[collection].find_one_and_update(
            {"_id": aggregate_id, "version": expected_version},
            {"$set": changes, "$inc": {"version": 1},
             "$push": {OUTBOX: {"$each": pending(events)}}},
            return_document=ReturnDocument.AFTER,
        )
        if updated is None:
            raise VersionConflict(f"{aggregate_id} changed since version {expected_version}")
        return updated

    async def flush(self, collection: str, aggregate_id: str) -> bool:
        """Publish the aggregate's pending events in order; False if the broker is down
        (they stay in the outbox and the relay publishes them when it returns)."""
        try:
            await self._publish_pending(collection, aggregate_id)
        except BrokerUnavailable:
            log.warning("broker unavailable; events kept in the outbox")
            return False
        return True

    async def _publish_pending(self, collection: str, aggregate_id: str) -> None:
        document = await self.store.db[collection].find_one(
            {"_id": aggregate_id}, {OUTBOX: 1}
        )
        entries = (document or {}).get(OUTBOX) or []
        for entry in entries:
            envelope = Envelope.model_validate(entry["envelope"])
            await self.publisher.publish(envelope, entry["topic"])
            # Pull the exact entry: FerretDB 1.24 treats a $pull condition as whole-element
            # equality, so {"event_id": ...} alone would match nothing there.
            await self.store.db[collection].update_one(
                {"_id": aggregate_id}, {"$pull": {OUTBOX: entry}}
            )

    async def relay_once(self) -> int:
        """Publish what earlier requests could not; returns how many aggregates were pending."""
        count = 0
        for collection in self.collections:
            cursor = self.store.db[collection].find(
                {f"{OUTBOX}.event_id": {"$exists": True}}, {"_id": 1}
            )
            async for document in cursor:
                count += 1
                await self._publish_pending(collection, document["_id"])
        self.metrics.outbox_pending.set(count)
        return count

    async def run_relay(self, interval: float) -> None:
        while True:
            try:
                await self.relay_once()
            except Exception as error:  # noqa: BLE001 - the relay must outlive any outage
                log.warning("outbox relay will retry", extra={"error": type(error).__name__})
            await asyncio.sleep(interval)
