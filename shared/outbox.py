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

from collections.abc import Callable, Sequence
from typing import Any

from pymongo import InsertOne, UpdateOne
from pymongo.asynchronous.client_session import AsyncClientSession
from pymongo.errors import ClientBulkWriteException, DuplicateKeyError

from schemas.base import EventData

from .envelope import Envelope, utc_now, within_size
from .store import IndexSpec, VersionConflict, ascending

from .outbox_relay import OUTBOX, REFUSED, OutboxRelay, Written

__all__ = ["OUTBOX", "OUTBOX_INDEXES", "Outbox", "VersionConflict", "Written"]
DUPLICATE_KEY = 11000
WRITE_ID = "write_id"  # which write last changed an aggregate (see Outbox._landed)

OUTBOX_INDEXES = [
    IndexSpec(OUTBOX, ascending("aggregate", "written_at", "position")),  # flush of one
    IndexSpec(OUTBOX, ascending("written_at", "position")),  # the relay, oldest first
    # Refused events hold personal data in clear: kept 30 days for an operator (the metric
    # qa_outbox_refused_total says one is there); the state they describe stays in the service.
    IndexSpec(REFUSED, ascending("refused_at"), expire_after_seconds=30 * 24 * 3600),
]


def written(collection: str, aggregate_id: str,
            events: Sequence[tuple[EventData, Envelope]]) -> Written:
    """One write's events, each checked to fit a Kafka message (EventTooLarge if not), so
    that an event that could never be published is never stored."""
    return Written(f"{collection}/{aggregate_id}",
                   tuple((data.topic, within_size(envelope)) for data, envelope in events))


def entries(write: Written) -> list[dict[str, Any]]:
    at = utc_now()
    return [{"_id": str(envelope.event_id), "aggregate": write.aggregate, "topic": topic,
             "envelope": envelope.model_dump(mode="json"), "written_at": at, "position": n,
             **({"trace": envelope.written_in} if envelope.written_in else {})}
            for n, (topic, envelope) in enumerate(write.events)]


def write_errors(error: ClientBulkWriteException) -> dict[int, int]:
    """Operation index -> error code, of the writes a client bulk write refused."""
    return {e["idx"]: e["code"] for e in error.write_errors or []}


class Outbox(OutboxRelay):
    """Writes that store state and events together; publishing is OutboxRelay's.

    A write is one client-level bulkWrite (MongoDB 8.0: several collections in one command)
    inside a transaction: the aggregate's change first, then one outbox entry per event.
    Concurrent writes are committed as a group (group_commit.py, `self.group`)."""

    def _in(self, collection: str) -> str:
        return f"{self.store.db.name}.{collection}"

    def _held(self, write: Written) -> list[InsertOne]:
        return [InsertOne(entry, namespace=self._in(OUTBOX)) for entry in entries(write)]

    async def insert(self, collection: str, document: dict[str, Any],
                     events: Sequence[tuple[EventData, Envelope]]) -> Written:
        """A new aggregate at version 1 and its events; VersionConflict if the id exists.
        Returns the write, for `publish` to send without reading it back."""
        write = written(collection, document["_id"], events)
        change = InsertOne({**document, "version": 1, WRITE_ID: write.write_id},
                           namespace=self._in(collection))
        try:
            await self.group.run([change, *self._held(write)], check=lambda _: None)
        except ClientBulkWriteException as error:
            if write_errors(error).get(0) != DUPLICATE_KEY:
                raise
            if not await self._landed(collection, write):
                raise VersionConflict(f"{document['_id']} already exists") from error
        return write

    async def _landed(self, collection: str, write: Written) -> bool:
        """Whether this very write is the one stored: a commit whose answer was lost (the
        store died after committing) is then a success, not a conflict with itself. The
        local store forgets committed transactions on a crash, so retrying the commit says
        "no such transaction", and the write is run again."""
        stored = await self.store.db[collection].find_one(
            {"_id": write.aggregate.split("/", 1)[1]}, {WRITE_ID: 1})
        return (stored or {}).get(WRITE_ID) == write.write_id

    async def upsert_once(self, collection: str, document: dict[str, Any],
                          events: Sequence[tuple[EventData, Envelope]]) -> Written | None:
        """Insert if absent, else change nothing: for facts derived from consumed events.
        The write if this call inserted it, for `publish`; else None."""
        write = written(collection, document["_id"], events)

        async def work(session: AsyncClientSession) -> Written | None:
            # Two commands, not one bulk write: the entries go in only if the upsert inserted.
            result = await self.store.db[collection].update_one(
                {"_id": document["_id"]}, {"$setOnInsert": {**document, "version": 1}},
                upsert=True, session=session)
            if result.upserted_id is None:
                return None
            await self.store.db[OUTBOX].insert_many(entries(write), session=session)
            return write

        try:
            return await self.store.transaction(work)
        except DuplicateKeyError:
            return None  # a concurrent upsert of the same id committed first

    async def update(
        self, collection: str, aggregate_id: str, *, expected_version: int,
        changes: dict[str, Any], events: Sequence[tuple[EventData, Envelope]],
    ) -> None:
        """Apply `changes` if the aggregate is still at `expected_version`."""
        write = written(collection, aggregate_id, events)
        change = UpdateOne({"_id": aggregate_id, "version": expected_version},
                           {"$set": {**changes, WRITE_ID: write.write_id},
                            "$inc": {"version": 1}},
                           namespace=self._in(collection))

        def still_at_expected_version(result_of: Callable[[int], Any]) -> None:
            if result_of(0).matched_count == 0:
                raise VersionConflict(
                    f"{aggregate_id} changed since version {expected_version}")

        try:
            await self.group.run([change, *self._held(write)],
                                 check=still_at_expected_version)
        except VersionConflict:
            if not await self._landed(collection, write):
                raise
        except ClientBulkWriteException as error:  # its events are stored already
            if DUPLICATE_KEY not in write_errors(error).values() \
                    or not await self._landed(collection, write):
                raise
