"""The transactional outbox: a write commits the aggregate's new state and the events it
caused in one multi-document transaction (the aggregate's collection and `outbox`, one entry
per event), then publishes those events and deletes their entries. Nothing acknowledged is
lost: if the process dies between commit and publish, or the broker is down, the entries
stay and the relay (outbox_relay.py) publishes them. Consumers are idempotent (event ids,
derived ids, newer-wins projections), so an event published twice changes nothing.

Concurrent writers are kept apart by the aggregate's `version`: an update names the version
it read, and MongoDB's write-conflict detection makes one of two concurrent transactions
retry, after which its version no longer matches: VersionConflict (409).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from pymongo import ReturnDocument
from pymongo.asynchronous.client_session import AsyncClientSession
from pymongo.errors import DuplicateKeyError

from schemas.base import EventData

from .envelope import Envelope, utc_now
from .store import IndexSpec, VersionConflict, ascending

from .outbox_relay import OUTBOX, OutboxRelay, Written

__all__ = ["OUTBOX", "OUTBOX_INDEXES", "Outbox", "VersionConflict", "Written"]

OUTBOX_INDEXES = [
    IndexSpec(OUTBOX, ascending("aggregate", "written_at", "position")),  # flush of one
    IndexSpec(OUTBOX, ascending("written_at", "position")),  # the relay, oldest first
]


def written(collection: str, aggregate_id: str,
            events: Sequence[tuple[EventData, Envelope]]) -> Written:
    return Written(f"{collection}/{aggregate_id}",
                   tuple((data.topic, envelope) for data, envelope in events))


def entries(write: Written) -> list[dict[str, Any]]:
    at = utc_now()
    return [{"_id": str(envelope.event_id), "aggregate": write.aggregate, "topic": topic,
             "envelope": envelope.model_dump(mode="json"), "written_at": at, "position": n}
            for n, (topic, envelope) in enumerate(write.events)]


class Outbox(OutboxRelay):
    """Writes that store state and events together; publishing is OutboxRelay's."""

    async def _hold(self, write: Written, session: AsyncClientSession) -> None:
        if write.events:
            await self.store.db[OUTBOX].insert_many(entries(write), session=session)

    async def insert(self, collection: str, document: dict[str, Any],
                     events: Sequence[tuple[EventData, Envelope]]) -> Written:
        """A new aggregate at version 1 and its events; VersionConflict if the id exists.
        Returns the write, for `publish` to send without reading it back."""
        write = written(collection, document["_id"], events)

        async def work(session: AsyncClientSession) -> None:
            try:
                await self.store.db[collection].insert_one({**document, "version": 1},
                                                           session=session)
            except DuplicateKeyError as error:
                raise VersionConflict(f"{document['_id']} already exists") from error
            await self._hold(write, session)

        await self.store.transaction(work)
        return write

    async def upsert_once(self, collection: str, document: dict[str, Any],
                          events: Sequence[tuple[EventData, Envelope]]) -> Written | None:
        """Insert if absent, else change nothing: for facts derived from consumed events.
        The write if this call inserted it, for `publish`; else None."""
        write = written(collection, document["_id"], events)

        async def work(session: AsyncClientSession) -> Written | None:
            result = await self.store.db[collection].update_one(
                {"_id": document["_id"]}, {"$setOnInsert": {**document, "version": 1}},
                upsert=True, session=session)
            if result.upserted_id is None:
                return None
            await self._hold(write, session)
            return write

        try:
            return await self.store.transaction(work)
        except DuplicateKeyError:
            return None  # a concurrent upsert of the same id committed first

    async def update(
        self, collection: str, aggregate_id: str, *, expected_version: int,
        changes: dict[str, Any], events: Sequence[tuple[EventData, Envelope]],
    ) -> dict[str, Any]:
        """Apply `changes` if the aggregate is still at `expected_version`; the new state."""
        write = written(collection, aggregate_id, events)

        async def work(session: AsyncClientSession) -> dict[str, Any]:
            updated = await self.store.db[collection].find_one_and_update(
                {"_id": aggregate_id, "version": expected_version},
                {"$set": changes, "$inc": {"version": 1}},
                return_document=ReturnDocument.AFTER, session=session)
            if updated is None:
                raise VersionConflict(
                    f"{aggregate_id} changed since version {expected_version}")
            await self._hold(write, session)
            return updated

        return await self.store.transaction(work)
