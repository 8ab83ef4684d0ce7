"""Where accepted items and complaints are kept (collection `items`), with their events in
the shared transactional outbox (shared/outbox.py): one item at a time, or a file import's
chunk of new items with all their outbox entries in one transaction."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from pymongo.asynchronous.client_session import AsyncClientSession

from shared.envelope import Envelope
from shared.outbox import OUTBOX, Outbox, Written, entries, written
from shared.store import IndexSpec, Store, ascending

ITEMS = "items"
INDEXES = [
    IndexSpec(ITEMS, ascending("source", "source_id"), unique=True),
    IndexSpec(ITEMS, ascending("received_on")),
    IndexSpec(ITEMS, ascending("source", "received_on")),  # a source's latest (GET /items)
]
log = logging.getLogger(__name__)
DECIDING = {"content_hash": 1, "revision": 1, "version": 1, "safety_link": 1}


def document(item: Any, *, revision: int) -> dict[str, Any]:
    return item.stored_form(revision=revision)


@dataclass
class NewItems:
    """A chunk's items taken as new, ready to store: documents at revision 1, their writes
    (events as they are published) and outbox entries, by item id. Built before the store
    is asked, so the store is not kept waiting while they are."""

    documents: dict[str, dict[str, Any]] = field(default_factory=dict)
    writes: dict[str, Written] = field(default_factory=dict)
    entries: dict[str, list[dict[str, Any]]] = field(default_factory=dict)

    def add(self, item: Any, events: Sequence[tuple[Any, Envelope]]) -> None:
        key = item.item_id()
        self.documents[key] = {"_id": key, **document(item, revision=1), "version": 1}
        self.writes[key] = written(ITEMS, key, events)
        self.entries[key] = entries(self.writes[key])


class ItemRepository:
    def __init__(self, store: Store, outbox: Outbox) -> None:
        self.store = store
        self.collection = store.db[ITEMS]
        self.outbox = outbox

    async def get(self, item_id: str) -> dict[str, Any] | None:
        return await self.collection.find_one({"_id": item_id})

    async def list(self, *, source: str | None, limit: int) -> list[dict[str, Any]]:
        query = {"source": source} if source else {}
        cursor = self.collection.find(query).sort("received_on", -1).limit(limit)
        return [d async for d in cursor]

    async def save(
        self, item: Any, *, revision: int, stored: dict[str, Any] | None,
        events: list[tuple[Any, Envelope]],
    ) -> bool:
        """Store the item and its events together; True once the broker has them too."""
        fields = document(item, revision=revision)
        if stored is None:
            write = await self.outbox.insert(ITEMS, {"_id": item.item_id(), **fields}, events)
            return await self.outbox.publish(write)
        await self.outbox.update(ITEMS, item.item_id(), expected_version=stored["version"],
                                 changes=fields, events=events)
        return await self.outbox.flush(ITEMS, item.item_id())

    async def insert_new(self, new: NewItems) -> tuple[list[Written], dict[str, dict[str, Any]]]:
        """Items not stored yet are inserted with one outbox entry per event, all in ONE
        transaction. Returns their writes (for `publish_new`) and what `decide` needs of the
        items already stored (duplicates or updates, decided by the caller). A concurrent
        import storing one of these ids meanwhile is a write conflict: the transaction runs
        again and finds it stored."""
        if not new.documents:
            return [], {}

        async def work(session: AsyncClientSession) -> tuple[list[Written], dict]:
            known = {d["_id"]: d async for d in self.collection.find(
                {"_id": {"$in": list(new.documents)}}, DECIDING, session=session)}
            fresh = [key for key in new.documents if key not in known]
            if fresh:
                await self.collection.insert_many([new.documents[k] for k in fresh],
                                                  session=session)
                held = [e for k in fresh for e in new.entries[k]]
                if held:
                    await self.store.db[OUTBOX].insert_many(held, session=session)
            return [new.writes[k] for k in fresh], known

        return await self.store.transaction(work)

    async def publish_new(self, writes: Sequence[Written]) -> bool:
        """All the chunk's events published together (acks=all), then their outbox entries
        deleted; False if the broker did not acknowledge them all: the relay publishes them
        (consumers ignore a second copy)."""
        return await self.outbox.publish_all(writes)
