"""One document per file import (who, what, when, status, the first rows of its report) and
its full per-row report in pages of one chunk each.

Pages are insert-only documents with predictable ids (`{import}:{page}`): FerretDB 1.24
finds a document by `_id` through its index but scans the collection for any other query, so
a 100,000-row report is read page by page by id, never by a query on `import_id`."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import datetime
from typing import Any

from shared.store import IndexSpec, Store, ascending

IMPORTS = "imports"
REPORT_PAGES = "import_report_pages"
INDEXES = [IndexSpec(IMPORTS, ascending("started_at"))]


def page_id(import_id: str, page: int) -> str:
    return f"{import_id}:{page:06d}"


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
        await self.pages.insert_one({"_id": page_id(import_id, page), "rows": rows})
        await self.collection.update_one({"_id": import_id}, {"$set": {
            "pages": page, "progress_at": now}})

    async def finished(self, import_id: str, *, status: str, error: str | None,
                       rows: list[dict[str, Any]], truncated: bool, now: datetime) -> None:
        await self.collection.update_one({"_id": import_id}, {"$set": {
            "status": status, "error": error, "rows": rows, "rows_truncated": truncated,
            "finished_at": now}})

    async def get(self, import_id: str) -> dict[str, Any] | None:
        return await self.collection.find_one({"_id": import_id})

    async def page(self, import_id: str, page: int) -> list[dict[str, Any]] | None:
        found = await self.pages.find_one({"_id": page_id(import_id, page)})
        return None if found is None else found["rows"]

    async def all_rows(self, import_id: str, pages: int) -> AsyncIterator[dict[str, Any]]:
        for page in range(1, pages + 1):
            for row in await self.page(import_id, page) or []:
                yield row

    async def recent(self, limit: int = 20) -> list[dict[str, Any]]:
        cursor = self.collection.find({}, {"rows": 0}).sort("started_at", -1).limit(limit)
        return [d async for d in cursor]
