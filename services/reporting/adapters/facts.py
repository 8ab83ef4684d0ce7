"""Reporting's read models: one fact document per aggregate, replaced only by newer events.

Figures are computed at read time from these documents, so applying an event twice, or an
older event after a newer one, changes nothing. Every access goes through a generation
(see generations.py), so a rebuild can fill new collections while these keep serving.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from pymongo.errors import DuplicateKeyError

from shared.store import IndexSpec, Store, ascending

from ..domain import names
from .generations import Generations, physical

AUDIT_FACTS = names.AUDITS
ACTION_FACTS = names.ACTIONS
FEEDBACK_FACTS = names.FEEDBACK
SAFETY_LINK_FACTS = names.SAFETY_LINKS

# Every read (FactStore.find) sorts by _id, so each index ends with it: months (or a team)
# first, then _id, lets the store read the matches already in order (an $in of months is
# merged month by month) instead of choosing a whole scan of _id for its order. Indexes led
# by team_id also answer the team filter's distinct values (entrypoints/filters.py).
_KEYS: list[tuple[str, list[str]]] = [
    (names.AUDITS, ["month", "_id"]),
    (names.AUDITS, ["team_id", "month", "_id"]),
    (names.AUDITS, ["social_worker_id"]),
    (names.ACTIONS, ["raised_month", "_id"]),
    (names.ACTIONS, ["team_id", "_id"]),
    (names.ACTIONS, ["status", "due_date"]),
    (names.ACTIONS, ["origin_id"]),
    (names.FEEDBACK, ["month", "_id"]),
    (names.FEEDBACK, ["team_id", "month", "_id"]),
    (names.SAFETY_LINKS, ["month", "_id"]),
    (names.COMPLAINTS, ["month", "_id"]),
    (names.COMPLAINTS, ["team_id", "_id"]),
    (names.COMPLAINTS, ["themes", "_id"]),
    (names.OBSERVATIONS, ["month", "_id"]),
    (names.OBSERVATIONS, ["team_id", "month", "_id"]),
    (names.ALLOCATIONS, ["month", "_id"]),
    (names.ALLOCATIONS, ["team_id", "month", "_id"]),
    (names.MODERATIONS, ["month", "_id"]),
    (names.GRADE_CHANGES, ["month", "_id"]),
    (names.CONCERNS, ["month", "_id"]),
    (names.CHECKLISTS, ["month", "_id"]),
    (names.STAFF, ["team_id", "_id"]),
    (names.INDICATORS, ["team_id", "month"]),
]


def indexes(generation: int = 0) -> list[IndexSpec]:
    return [IndexSpec(physical(c, generation), ascending(*keys)) for c, keys in _KEYS]


INDEXES = indexes(0)


class FactStore:
    """Facts in one generation (fixed, for a rebuild) or in whichever one is active."""

    def __init__(self, store: Store, *, generation: int | None = None,
                 generations: Generations | None = None) -> None:
        self.store = store
        self.db = store.db
        self.fixed = generation
        self.generations = generations or Generations(store)

    async def collection(self, name: str):
        generation = self.fixed if self.fixed is not None else await self.generations.active()
        return self.db[physical(name, generation)]

    async def apply(
        self, collection: str, fact_id: str, fields: dict[str, Any], *, as_of: datetime
    ) -> bool:
        """Set the fact unless a newer event already did; returns whether it changed.

        A new fact is inserted: FerretDB 1.24 finds an `_id` through its index for reads and
        inserts, but scans the whole collection for every update (about 70 ms at 10,000
        documents here), so only facts that already exist pay for an update."""
        target = await self.collection(collection)
        try:
            await target.insert_one({"_id": fact_id, **fields, "as_of": as_of})
            return True
        except DuplicateKeyError:
            pass  # known already: set it only if this event is not older
        newer_or_absent = {"$or": [{"as_of": {"$lte": as_of}}, {"as_of": {"$exists": False}}]}
        try:
            await target.update_one({"_id": fact_id, **newer_or_absent},
                                    {"$set": {**fields, "as_of": as_of}}, upsert=True)
        except DuplicateKeyError:
            return False  # the stored fact is newer: this event is old news
        return True

    async def find(self, collection: str, query: dict[str, Any], *, limit: int = 0,
                   fields: list[str] | None = None) -> list[dict[str, Any]]:
        target = await self.collection(collection)
        projection = {f: 1 for f in fields} if fields else None
        cursor = target.find(query, projection).sort("_id", 1)
        if limit:
            cursor = cursor.limit(limit)
        return await cursor.to_list(None)

    async def count(self, collection: str, query: dict[str, Any]) -> int:
        return await (await self.collection(collection)).count_documents(query)

    async def count_by(self, collection: str, query: dict[str, Any], field: str) -> dict[str, int]:
        pipeline = [{"$match": query}, {"$group": {"_id": f"${field}", "n": {"$sum": 1}}}]
        cursor = await (await self.collection(collection)).aggregate(pipeline)
        return {str(row["_id"]): row["n"] async for row in cursor}

    async def distinct(self, collection: str, field: str, *, array: bool = False) -> list[Any]:
        """Distinct values by $group: FerretDB 1.24 refuses `distinct` with maxTimeMS."""
        pipeline: list[dict[str, Any]] = [{"$unwind": f"${field}"}] if array else []
        pipeline.append({"$group": {"_id": f"${field}"}})
        cursor = await (await self.collection(collection)).aggregate(pipeline)
        return [row["_id"] async for row in cursor if row["_id"] is not None]
