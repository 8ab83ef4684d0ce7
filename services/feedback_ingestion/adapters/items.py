"""Where accepted items and complaints are kept: collection `items`, with their outbox."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Sequence
from datetime import timedelta
from typing import Any

from pymongo.errors import BulkWriteError

from shared.envelope import Envelope, utc_now
from shared.outbox import OUTBOX, Outbox
from shared.store import IndexSpec, Store, ascending

ITEMS = "items"
IMPORT_OUTBOX = "import_outbox"
INDEXES = [
    IndexSpec(ITEMS, ascending("source", "source_id"), unique=True),
    IndexSpec(ITEMS, ascending("received_on")),
]
HIDDEN = {OUTBOX: 0}
log = logging.getLogger(__name__)
DECIDING = {"content_hash": 1, "revision": 1, "version": 1, "safety_link": 1}


def document(item: Any, *, revision: int) -> dict[str, Any]:
    return {**item.model_dump(mode="json"), "content_hash": item.content_hash(),
            "revision": revision}


class ItemRepository:
    def __init__(self, store: Store, outbox: Outbox) -> None:
        self.collection = store.db[ITEMS]
        self.outbox = outbox

    async def get(self, item_id: str) -> dict[str, Any] | None:
        return await self.collection.find_one({"_id": item_id}, HIDDEN)

    async def list(self, *, source: str | None, limit: int) -> list[dict[str, Any]]:
        query = {"source": source} if source else {}
        cursor = self.collection.find(query, HIDDEN).sort("received_on", -1).limit(limit)
        return [d async for d in cursor]

    async def deciding(self, ids: Sequence[str]) -> dict[str, dict[str, Any]]:
        """What `decide` needs of each stored item, for many ids in one query."""
        cursor = self.collection.find({"_id": {"$in": list(ids)}}, DECIDING)
        return {d["_id"]: d async for d in cursor}

    async def save(
        self, item: Any, *, revision: int, stored: dict[str, Any] | None,
        events: list[tuple[Any, Envelope]],
    ) -> bool:
        """Store the item and its events together; True once the broker has them too."""
        fields = document(item, revision=revision)
        written = None
        if stored is None:
            written = await self.outbox.insert(ITEMS, {"_id": item.item_id(), **fields}, events)
        else:
            await self.outbox.update(ITEMS, item.item_id(), expected_version=stored["version"],
                                     changes=fields, events=events)
        return await self.outbox.flush(ITEMS, item.item_id(), written=written)

    async def insert_new(self, items: Sequence[Any]) -> set[str]:
        """Insert new items (revision 1, their events held in the chunk's outbox) in one round
        trip; returns the ids already stored (duplicates or updates: decided afterwards)."""
        documents = [{"_id": item.item_id(), **document(item, revision=1), "version": 1,
                      OUTBOX: []} for item in items]
        if not documents:
            return set()
        try:
            await self.collection.insert_many(documents, ordered=False)
        except BulkWriteError as error:
            return {documents[e["index"]]["_id"] for e in error.details["writeErrors"]}
        return set()


class ChunkOutbox:
    """The events of one import chunk, in ONE document written before the chunk's items:
    a crash at any point leaves them for `relay_once`, so nothing is lost. The envelopes are
    kept as one JSON-lines string: FerretDB stores and deletes a string far faster than 500
    nested documents, and one insert and one delete per chunk replace one update per item
    (FerretDB's SQLite backend answers any filter but a bare _id by scanning)."""

    def __init__(self, store: Store, publisher: Any) -> None:
        self.collection = store.db[IMPORT_OUTBOX]
        self.publisher = publisher

    @staticmethod
    def _lines(events: Sequence[tuple[Any, Envelope]]) -> str:
        return "\n".join(f"{data.topic}\t{env.model_dump_json()}" for data, env in events)

    async def hold(self, chunk_id: str, events: Sequence[tuple[Any, Envelope]]) -> None:
        await self.collection.insert_one({"_id": chunk_id, "held_at": utc_now(),
                                          "events": self._lines(events)})

    async def keep_only(self, chunk_id: str, events: Sequence[tuple[Any, Envelope]]) -> None:
        await self.collection.update_one({"_id": chunk_id}, {"$set": {"events": self._lines(events)}})

    async def release(self, chunk_id: str) -> None:
        """After the broker acknowledged every event of the chunk."""
        await self.collection.delete_one({"_id": chunk_id})

    async def relay_once(self, *, older_than_seconds: float) -> int:
        """Publish chunks a crash or an outage left behind (a live import releases its own
        within seconds; a repeat publish is harmless: consumers are idempotent)."""
        horizon = utc_now() - timedelta(seconds=older_than_seconds)
        count = 0
        async for held in self.collection.find({"held_at": {"$lt": horizon}}):
            for line in filter(None, held["events"].split("\n")):
                topic, body = line.split("\t", 1)
                await self.publisher.publish(Envelope.model_validate_json(body), topic)
            await self.release(held["_id"])
            count += 1
        return count

    async def run_relay(self, interval: float) -> None:
        while True:
            try:
                await self.relay_once(older_than_seconds=60)
            except Exception as error:  # noqa: BLE001 - the relay must outlive any outage
                log.warning("chunk outbox relay will retry", extra={"error": type(error).__name__})
            await asyncio.sleep(interval)
