"""State and the events it caused, stored in one document, then published.

The local store has no transactions, so an aggregate document carries its own outbox:
one atomic write stores the new state and the new events together. The events are then
published (in order) and pulled from the outbox; a relay republishes whatever a crash or
a broker outage left behind. Consumers are idempotent, so a repeat publish is harmless.

The relay reads a small `outbox_pending` collection of markers (written before the
aggregate, removed once its outbox is empty) instead of scanning every aggregate: FerretDB
answers any query but one on `_id` with a full scan. A full scan runs once at start-up, to
catch anything a crash left between the two writes.
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
MARKERS = "outbox_pending"
VERSION_CLAIMS = "version_claims"


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
        await self._mark(collection, document["_id"], events)
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
        await self._mark(collection, document["_id"], events)
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
        await self._claim(collection, aggregate_id, expected_version)
        await self._mark(collection, aggregate_id, events)
        updated = await self.store.db[collection].find_one_and_update(
            {"_id": aggregate_id, "version": expected_version},
            {"$set": changes, "$inc": {"version": 1},
             "$push": {OUTBOX: {"$each": pending(events)}}},
            return_document=ReturnDocument.AFTER,
        )
        if updated is None:
            raise VersionConflict(f"{aggregate_id} changed since version {expected_version}")
        return updated

    async def _claim(self, collection: str, aggregate_id: str, version: int) -> None:
        """Only one writer may move an aggregate on from a version. A unique insert decides,
        because FerretDB 1.24 lets concurrent conditional updates all match (measured: 8 of
        8 "won"). A writer that dies between claim and update leaves that version claimed:
        the aggregate then answers 409 until its claim is removed by hand."""
        try:
            await self.store.db[VERSION_CLAIMS].insert_one(
                {"_id": f"{collection}/{aggregate_id}/{version}"})
        except DuplicateKeyError as error:
            raise VersionConflict(f"{aggregate_id} changed since version {version}") from error

    async def flush(self, collection: str, aggregate_id: str) -> bool:
        """Publish the aggregate's pending events in order; False if the broker is down
        (they stay in the outbox and the relay publishes them when it returns)."""
        try:
            await self._publish_pending(collection, aggregate_id)
        except BrokerUnavailable:
            log.warning("broker unavailable; events kept in the outbox")
            await self._mark(collection, aggregate_id, [True])  # the relay may have unmarked it
            return False
        await self._unmark_if_empty(collection, aggregate_id)
        return True

    async def _mark(self, collection: str, aggregate_id: str, events: Sequence[Any]) -> None:
        if not events:
            return
        try:
            await self.store.db[MARKERS].update_one(
                {"_id": f"{collection}/{aggregate_id}"},
                {"$setOnInsert": {"collection": collection, "aggregate_id": aggregate_id}},
                upsert=True,
            )
        except DuplicateKeyError:
            pass  # two first writers raced: the marker is there either way

    async def _unmark_if_empty(self, collection: str, aggregate_id: str) -> None:
        document = await self.store.db[collection].find_one({"_id": aggregate_id}, {OUTBOX: 1})
        if not (document or {}).get(OUTBOX):
            await self.store.db[MARKERS].delete_one({"_id": f"{collection}/{aggregate_id}"})

    async def _publish_pending(self, collection: str, aggregate_id: str) -> None:
        document = await self.store.db[collection].find_one(
            {"_id": aggregate_id}, {OUTBOX: 1}
        )
        entries = (document or {}).get(OUTBOX) or []
        published: list[dict[str, Any]] = []
        try:
            for entry in entries:
                envelope = Envelope.model_validate(entry["envelope"])
                await self.publisher.publish(envelope, entry["topic"])
                published.append(entry)
        finally:
            if published:
                # One write for all that were published (even if a later one failed).
                # $pullAll removes exact entries: FerretDB 1.24 treats a $pull condition as
                # whole-element equality, so {"event_id": ...} alone would match nothing.
                await self.store.db[collection].update_one(
                    {"_id": aggregate_id}, {"$pullAll": {OUTBOX: published}}
                )

    async def relay_once(self) -> int:
        """Publish what earlier requests could not; returns how many aggregates were pending."""
        markers = await self.store.db[MARKERS].find({}).to_list(None)
        for marker in markers:
            await self._publish_pending(marker["collection"], marker["aggregate_id"])
            await self._unmark_if_empty(marker["collection"], marker["aggregate_id"])
        self.metrics.outbox_pending.set(len(markers))
        return len(markers)

    async def recover_unmarked(self) -> int:
        """Once at start-up: find outboxes a crash left without a marker, and mark them."""
        found = 0
        for collection in self.collections:
            cursor = self.store.db[collection].find(
                {f"{OUTBOX}.event_id": {"$exists": True}}, {"_id": 1}
            )
            async for document in cursor:
                found += 1
                await self._mark(collection, document["_id"], [True])
        return found

    async def run_relay(self, interval: float) -> None:
        recovered = False
        while True:
            try:
                if not recovered:
                    await self.recover_unmarked()
                    recovered = True
                await self.relay_once()
            except Exception as error:  # noqa: BLE001 - the relay must outlive any outage
                log.warning("outbox relay will retry", extra={"error": type(error).__name__})
            await asyncio.sleep(interval)
