"""Items that failed their checks, kept with their original content and the reasons."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from pymongo.errors import DuplicateKeyError

from shared.store import IndexSpec, Store, ascending

QUARANTINE = "quarantine"
INDEXES = [IndexSpec(QUARANTINE, ascending("status", "received_at")),
           # GET /quarantine by source, or unfiltered: the latest first.
           IndexSpec(QUARANTINE, ascending("source", "received_at")),
           IndexSpec(QUARANTINE, ascending("received_at"))]


class QuarantineRepository:
    def __init__(self, store: Store) -> None:
        self.collection = store.db[QUARANTINE]

    @staticmethod
    def entry(*, source: str, content: Any, reasons: list[str], channel: str,
              import_id: str | None, row: int | None, now: datetime,
              shape: str = "item", entry_id: str | None = None) -> dict[str, Any]:
        """`shape`: "item" (JSON as a system sent it) or "row" (a file's row, header → cell,
        mapped again when re-submitted). `entry_id`: fixed by the caller when the same input
        can arrive twice (a redelivered Kafka message), so it is kept once."""
        return {"_id": entry_id or str(uuid.uuid4()), "source": source, "content": content, "shape": shape,
                "reasons": reasons, "channel": channel, "import_id": import_id, "row": row,
                "status": "open", "received_at": now, "attempts": 0}

    async def add_many(self, entries: list[dict[str, Any]]) -> None:
        if entries:
            await self.collection.insert_many(entries, ordered=False)

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
