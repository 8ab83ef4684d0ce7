"""One document per file import: who, what, when, its counts and its per-row report."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from shared.store import IndexSpec, Store, ascending

IMPORTS = "imports"
INDEXES = [IndexSpec(IMPORTS, ascending("started_at"))]


class ImportRepository:
    def __init__(self, store: Store) -> None:
        self.collection = store.db[IMPORTS]

    async def started(self, import_id: str, *, source: str, filename: str, by: str,
                      now: datetime) -> None:
        await self.collection.insert_one({"_id": import_id, "source": source,
                                          "filename": filename, "by": by, "started_at": now,
                                          "status": "running", "rows": []})

    async def finished(self, import_id: str, *, status: str, error: str | None,
                       rows: list[dict[str, Any]], truncated: bool, now: datetime) -> None:
        await self.collection.update_one({"_id": import_id}, {"$set": {
            "status": status, "error": error, "rows": rows, "rows_truncated": truncated,
            "finished_at": now}})

    async def get(self, import_id: str) -> dict[str, Any] | None:
        return await self.collection.find_one({"_id": import_id})

    async def recent(self, limit: int = 20) -> list[dict[str, Any]]:
        cursor = self.collection.find({}, {"rows": 0}).sort("started_at", -1).limit(limit)
        return [d async for d in cursor]
