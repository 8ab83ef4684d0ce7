"""Reconciliation counts, per day and per import: received = accepted + duplicates +
quarantined (updates are accepted items that changed; resubmitted counts quarantined items
later accepted)."""

from __future__ import annotations

import asyncio
from collections import Counter
from typing import Any

from pymongo.errors import DuplicateKeyError

from shared.store import IndexSpec, Store, ascending

COUNTS = "reconciliation"
INDEXES = [IndexSpec(COUNTS, ascending("kind", "key"))]  # the reconciliation page's latest days
FIELDS = ("received", "accepted", "updated", "duplicates", "quarantined", "resubmitted")
OUTCOME_FIELDS = {"accepted": ("accepted",), "updated": ("accepted", "updated"),
                  "duplicate": ("duplicates",), "quarantined": ("quarantined",)}


def tally(outcomes: list[str]) -> Counter[str]:
    counts: Counter[str] = Counter()
    for outcome in outcomes:
        counts["received"] += 1
        for field in OUTCOME_FIELDS[outcome]:
            counts[field] += 1
    return counts


class CountRepository:
    def __init__(self, store: Store) -> None:
        self.collection = store.db[COUNTS]

    async def add(self, counts: Counter[str], *, day: str, import_id: str | None) -> None:
        if not counts:
            return
        inc = {f: counts[f] for f in FIELDS if counts[f]}
        keys = [("day", day)] + ([("import", import_id)] if import_id else [])
        await asyncio.gather(*(self._add(kind, value, inc) for kind, value in keys))

    async def _add(self, kind: str, value: str, inc: dict[str, int]) -> None:
        change = {"$inc": inc, "$set": {"kind": kind, "key": value}}
        try:
            await self.collection.update_one({"_id": f"{kind}:{value}"}, change, upsert=True)
        except DuplicateKeyError:  # two first upserts raced: the document exists now
            await self.collection.update_one({"_id": f"{kind}:{value}"}, change)

    async def get(self, kind: str, key: str) -> dict[str, Any]:
        found = await self.collection.find_one({"_id": f"{kind}:{key}"}) or {}
        return {"kind": kind, "key": key, **{f: found.get(f, 0) for f in FIELDS}}

    async def days(self, limit: int = 31) -> list[dict[str, Any]]:
        cursor = self.collection.find({"kind": "day"}).sort("key", -1).limit(limit)
        return [{"key": d["key"], **{f: d.get(f, 0) for f in FIELDS}} async for d in cursor]
