"""Items that failed their checks, kept with their original content and the reasons."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from pymongo import UpdateOne
from pymongo.errors import DuplicateKeyError

from shared.store import IndexSpec, Store, ascending

QUARANTINE = "quarantine"
INDEXES = [IndexSpec(QUARANTINE, ascending("status", "received_at")),
           # GET /quarantine by source, or unfiltered: the latest first.
           IndexSpec(QUARANTINE, ascending("source", "received_at")),
           IndexSpec(QUARANTINE, ascending("received_at")),
           # A re-imported file: the open entry of the same row.
           IndexSpec(QUARANTINE, ascending("row_key", "status"))]


class QuarantineRepository:
    def __init__(self, store: Store) -> None:
        self.collection = store.db[QUARANTINE]

    @staticmethod
    def entry(*, source: str, content: Any, reasons: list[str], channel: str,
              import_id: str | None, row: int | None, now: datetime,
              shape: str = "item", entry_id: str | None = None,
              row_key: str | None = None) -> dict[str, Any]:
        """`shape`: "item" (JSON as a system sent it) or "row" (a file's row, header → cell,
        mapped again when re-submitted). `entry_id`: fixed by the caller when the same input
        can arrive twice (a redelivered Kafka message), so it is kept once. `row_key`: an
        imported input's identity (domain/rows.py), so importing it again updates its open
        entry (`add_rows`)."""
        entry = {"_id": entry_id or str(uuid.uuid4()), "source": source, "content": content,
                 "shape": shape, "reasons": reasons, "channel": channel, "import_id": import_id,
                 "row": row, "status": "open", "received_at": now, "attempts": 0}
        if row_key is not None:
            entry |= {"row_key": row_key, "last_received_at": now, "times_received": 1}
        return entry

    async def add_rows(self, entries: list[dict[str, Any]]) -> dict[str, str]:
        """Imported inputs that failed: each updates the open entry of its row (its reasons,
        the import and row number it came from this time, when, how often) or is added.
        The id each entry is kept under (the open entry's, for a row seen before)."""
        if not entries:
            return {}
        kept = await self.open_entries_of(list({e["row_key"] for e in entries}))
        new, updates, ids = [], [], {}
        for entry in entries:
            key = entry["row_key"]
            if key not in kept:
                kept[key] = entry["_id"]
                new.append(entry)
            else:
                updates.append(UpdateOne(
                    {"_id": kept[key], "status": "open"},
                    {"$set": {"reasons": entry["reasons"], "import_id": entry["import_id"],
                              "row": entry["row"], "channel": entry["channel"],
                              "last_received_at": entry["received_at"]},
                     "$inc": {"times_received": 1}}))
            ids[entry["_id"]] = kept[key]
        if new:
            await self.collection.insert_many(new, ordered=False)
        if updates:
            await self.collection.bulk_write(updates, ordered=False)
        return ids

    async def open_entries_of(self, row_keys: list[str]) -> dict[str, str]:
        """The open entry of each of these rows: row key → entry id."""
        return {d["row_key"]: d["_id"] async for d in self.collection.find(
            {"row_key": {"$in": row_keys}, "status": "open"}, {"row_key": 1})}

    async def add_once(self, entry: dict[str, Any]) -> bool:
        """False when an entry with this id is kept already."""
        try:
            await self.collection.insert_one(entry)
        except DuplicateKeyError:
            return False
        return True

    async def get(self, entry_id: str) -> dict[str, Any] | None:
        return await self.collection.find_one({"_id": entry_id})

    async def list(self, *, status: str | None, source: str | None,
                   limit: int) -> list[dict[str, Any]]:
        query = {k: v for k, v in (("status", status), ("source", source)) if v}
        cursor = self.collection.find(query).sort("received_at", -1).limit(limit)
        return [d async for d in cursor]

    async def still_failing(self, entry_id: str, *, content: Any, reasons: list[str]) -> None:
        await self.collection.update_one(
            {"_id": entry_id}, {"$set": {"content": content, "reasons": reasons},
                                "$inc": {"attempts": 1}})

    async def resolved(self, entry_id: str, *, outcome: str, item_id: str,
                       now: datetime) -> bool:
        """Open → resubmitted, once: a second resubmission of the same entry changes nothing."""
        result = await self.collection.update_one(
            {"_id": entry_id, "status": "open"},
            {"$set": {"status": "resubmitted", "outcome": outcome, "item_id": item_id,
                      "resolved_at": now}, "$inc": {"attempts": 1}})
        return result.modified_count == 1
