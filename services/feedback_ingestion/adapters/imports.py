"""One document per file import (who, what, when, status, the first rows of its report) and
its full per-row report in pages of one chunk each (`import_id`, `page`, `rows`), read one
page at a time or, for the whole report, by one cursor in page order."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from datetime import datetime
from typing import Any

from shared.store import IndexSpec, Store, ascending

IMPORTS = "imports"
REPORT_PAGES = "import_report_pages"
INDEXES = [IndexSpec(IMPORTS, ascending("started_at")),
           IndexSpec(REPORT_PAGES, ascending("import_id", "page"), unique=True)]


class ImportRepository:
    def __init__(self, store: Store) -> None:
        self.collection = store.db[IMPORTS]
        self.pages = store.db[REPORT_PAGES]

    async def started(self, import_id: str, *, source: str, filename: str, by: str,
                      now: datetime) -> None:
        await self.collection.insert_one({"_id": import_id, "source": source,
                                          "filename": filename, "by": by, "started_at": now,
                                          "status": "running", "rows": [], "pages": 0,
                                          "progress_at": now})

    async def report_page(self, import_id: str, page: int, rows: list[dict[str, Any]], *,
                          now: datetime) -> None:
        """One chunk's rows; also the import's sign of life (see domain.imports)."""
        await asyncio.gather(
            self.pages.insert_one({"import_id": import_id, "page": page, "rows": rows}),
            self.collection.update_one({"_id": import_id}, {"$set": {
                "pages": page, "progress_at": now}}))

    async def finished(self, import_id: str, *, status: str, error: str | None,
                       rows: list[dict[str, Any]], truncated: bool, now: datetime) -> None:
        await self.collection.update_one({"_id": import_id}, {"$set": {
            "status": status, "error": error, "rows": rows, "rows_truncated": truncated,
            "finished_at": now}})

    async def get(self, import_id: str) -> dict[str, Any] | None:
        return await self.collection.find_one({"_id": import_id})

    async def page(self, import_id: str, page: int) -> list[dict[str, Any]] | None:
        found = await self.pages.find_one({"import_id": import_id, "page": page})
        return None if found is None else found["rows"]

    async def all_rows(self, import_id: str) -> AsyncIterator[dict[str, Any]]:
        """Every row of the report, page after page, never all held at once."""
        pages = self.pages.find({"import_id": import_id}, {"rows": 1}).sort("page", 1)
        async for found in pages.batch_size(4):
            for row in found["rows"]:
                yield row

    async def recent(self, limit: int = 20) -> list[dict[str, Any]]:
        cursor = self.collection.find({}, {"rows": 0}).sort("started_at", -1).limit(limit)
        return [d async for d in cursor]
