"""State and the events it caused, stored in one document, then published.

The local store has no transactions, so an aggregate document carries its own outbox:
one atomic write stores the new state and the new events together. The events are then
published in order; a relay republishes whatever a crash or a broker outage left behind.
Consumers are idempotent, so a repeat publish is harmless.

Before each write, a marker naming that write's events goes into `outbox_pending`; once
the broker has acknowledged them the marker is deleted. Nothing is written back to the
aggregate: FerretDB 1.24 scans the whole collection for every update (about 70 ms at
10,000 documents), so clearing an outbox in place made every request slower as data grew.
The aggregate keeps its events until its next update, which keeps only those still
pending; what is pending is exactly what a marker names. Publishing, and the relay, are
in outbox_delivery.py.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from pymongo import ReturnDocument
from pymongo.errors import DuplicateKeyError

from schemas.base import EventData

from .envelope import Envelope, utc_now
from .group_insert import GroupInsert
from .kafka import EventPublisher
from .metrics import PlatformMetrics
from .outbox_delivery import ENVELOPE_JSON, MARKERS, OUTBOX, OutboxDelivery, Written
from .store import IndexSpec, Store, ascending

VERSION_CLAIMS = "version_claims"


class VersionConflict(Exception):
    """The aggregate changed (or already existed) since it was read."""


MARKER_INDEXES = [IndexSpec(MARKERS, ascending("aggregate_id"))]


def pending(events: Sequence[tuple[EventData, Envelope]]) -> list[dict[str, Any]]:
    """Outbox entries. The envelope is kept as its JSON text, not as a nested document:
    FerretDB 1.24 stores every nested field with a type schema and re-parses the whole
    document for each index, and inserts of audits ran 1.6 times faster this way."""
    return [{"event_id": str(env.event_id), "topic": data.topic, ENVELOPE_JSON: env.as_json}
            for data, env in events]


class Outbox(OutboxDelivery):
    def __init__(
        self, store: Store, publisher: EventPublisher, metrics: PlatformMetrics,
        collections: Sequence[str], *, grace_seconds: float = 60.0,
        settle_seconds: float = 30.0,
    ) -> None:
        super().__init__(store, publisher, metrics, grace_seconds=grace_seconds,
                         settle_seconds=settle_seconds)
        self.collections = tuple(collections)
        self._inserts: dict[str, GroupInsert] = {}

    async def _insert(self, collection: str, document: dict[str, Any]) -> None:
        """Concurrent writers' inserts go to the store together (see group_insert)."""
        if collection not in self._inserts:
            self._inserts[collection] = GroupInsert(self.store.db[collection])
        await self._inserts[collection].insert(document)

    async def insert(
        self, collection: str, document: dict[str, Any],
        events: Sequence[tuple[EventData, Envelope]],
    ) -> Written | None:
        """Returns the write's events, for `flush(..., written=)` to publish directly."""
        written, ours = await self._mark(collection, document["_id"], events)
        try:
            await self._insert(collection, {**document, "version": 1, OUTBOX: pending(events)})
        except DuplicateKeyError as error:
            if ours:
                await self._unmark(written)  # this write did not happen
            raise VersionConflict(f"{document['_id']} already exists") from error
        return written

    async def upsert_once(
        self, collection: str, document: dict[str, Any],
        events: Sequence[tuple[EventData, Envelope]],
    ) -> bool:
        """Insert if absent, else change nothing: for facts derived from consumed events."""
        written, ours = await self._mark(collection, document["_id"], events)
        result = await self.store.db[collection].update_one(
            {"_id": document["_id"]},
            {"$setOnInsert": {**document, "version": 1, OUTBOX: pending(events)}},
            upsert=True,
        )
        if result.upserted_id is None and ours:
            await self._unmark(written)  # known already: its own marker (if any) stays
        return result.upserted_id is not None

    async def update(
        self, collection: str, aggregate_id: str, *, expected_version: int,
        changes: dict[str, Any], events: Sequence[tuple[EventData, Envelope]],
    ) -> dict[str, Any]:
        await self._claim(collection, aggregate_id, expected_version)
        kept = await self._still_pending(collection, aggregate_id)
        written, ours = await self._mark(collection, aggregate_id, events)
        updated = await self.store.db[collection].find_one_and_update(
            {"_id": aggregate_id, "version": expected_version},
            {"$set": {**changes, OUTBOX: kept + pending(events)}, "$inc": {"version": 1}},
            return_document=ReturnDocument.AFTER,
        )
        if updated is None:
            if ours:
                await self._unmark(written)
            raise VersionConflict(f"{aggregate_id} changed since version {expected_version}")
        return updated

    async def _still_pending(self, collection: str, aggregate_id: str) -> list[dict[str, Any]]:
        """The entries an update must keep: those of earlier writes not yet published. The
        rest go, so documents do not grow with their history (FerretDB scans whole
        documents on every update). The version claim keeps other writers out meanwhile."""
        markers = [m for m in await self.store.db[MARKERS].find(
            {"aggregate_id": aggregate_id, "collection": collection}).to_list(None)
            if not self.sweeper.queued(m["_id"])]
        if not markers:
            return []
        aggregate = await self.store.db[collection].find_one({"_id": aggregate_id}, {OUTBOX: 1})
        entries = (aggregate or {}).get(OUTBOX) or []
        if any("event_ids" not in m for m in markers):
            return entries  # a marker from before markers named their events
        wanted = {i for m in markers for i in m["event_ids"]}
        return [e for e in entries if e["event_id"] in wanted]

    async def _claim(self, collection: str, aggregate_id: str, version: int) -> None:
        """Only one writer may move an aggregate on from a version. A unique insert decides,
        because FerretDB 1.24 lets concurrent conditional updates all match (measured: 8 of
        8 "won"). A writer that dies between claim and update leaves that version claimed:
        the aggregate then answers 409 until its claim is removed by hand."""
        try:
            await self._insert(VERSION_CLAIMS, {"_id": f"{collection}/{aggregate_id}/{version}"})
        except DuplicateKeyError as error:
            raise VersionConflict(f"{aggregate_id} changed since version {version}") from error

    async def _mark(self, collection: str, aggregate_id: str,
                    events: Sequence[tuple[EventData, Envelope]]) -> tuple[Written | None, bool]:
        """The marker for one write, before the write; whether this call created it (the
        same events, redelivered, make the same marker)."""
        if not events:
            return None, False
        written = Written(f"{collection}/{aggregate_id}/{events[0][1].event_id}",
                          tuple((data.topic, env) for data, env in events))
        try:
            await self._insert(MARKERS, {
                "_id": written.marker_id, "collection": collection,
                "aggregate_id": aggregate_id, "marked_at": utc_now(),
                "event_ids": [str(env.event_id) for _, env in events]})
        except DuplicateKeyError:
            return written, False
        return written, True

