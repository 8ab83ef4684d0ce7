"""The access log (`access_log`): one document per read of personal data, from qa.access.

Insert-only by construction: this class has no method that updates or deletes, and the
projection is its only writer (a test checks both). A redelivered entry is the same `_id`
(the event id) and is skipped, so the log never holds a read twice."""

from __future__ import annotations

from typing import Any

from pymongo import DESCENDING
from pymongo.errors import DuplicateKeyError

from shared.store import IndexSpec, Store

ACCESS_LOG = "access_log"
INDEXES = [IndexSpec(ACCESS_LOG, [("subject_pseudonym", 1), ("read_at", DESCENDING)]),
           IndexSpec(ACCESS_LOG, [("reader_id", 1), ("read_at", DESCENDING)])]
LIMIT = 5_000  # a search's page and export; a subject's reads in years fit in it


class AccessLogStore:
    def __init__(self, store: Store) -> None:
        self._entries = store.db[ACCESS_LOG]

    async def append(self, entry: dict[str, Any]) -> bool:
        """False if this entry is already in the log (a redelivery)."""
        try:
            await self._entries.insert_one(entry)
        except DuplicateKeyError:
            return False
        return True

    async def search(self, *, subject_pseudonym: str | None = None,
                     reader_id: str | None = None) -> list[dict[str, Any]]:
        """Newest first, by the subject read, the person who read, or both."""
        query: dict[str, Any] = {}
        if subject_pseudonym:
            query["subject_pseudonym"] = subject_pseudonym
        if reader_id:
            query["reader_id"] = reader_id
        if not query:
            return []
        cursor = self._entries.find(query).sort("read_at", DESCENDING).limit(LIMIT)
        return await cursor.to_list(None)
