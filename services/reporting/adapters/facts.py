"""Reporting's read models: one fact document per aggregate, replaced only by newer events.

Counting happens at read time over these documents, so applying an event twice, or an
older event after a newer one, changes nothing.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from pymongo.errors import DuplicateKeyError

from shared.store import IndexSpec, Store, ascending

AUDIT_FACTS = "audit_facts"
ACTION_FACTS = "action_facts"
FEEDBACK_FACTS = "feedback_facts"
SAFETY_LINK_FACTS = "safety_link_facts"

INDEXES = [
    IndexSpec(AUDIT_FACTS, ascending("month", "team_id")),
    IndexSpec(ACTION_FACTS, ascending("raised_month", "team_id")),
    IndexSpec(ACTION_FACTS, ascending("status", "due_date")),
    IndexSpec(FEEDBACK_FACTS, ascending("month", "source")),
    IndexSpec(SAFETY_LINK_FACTS, ascending("month")),
]


class FactStore:
    def __init__(self, store: Store) -> None:
        self.db = store.db

    async def apply(
        self, collection: str, fact_id: str, fields: dict[str, Any], *, as_of: datetime
    ) -> bool:
        """Set the fact unless a newer event already did; returns whether it changed."""
        newer_or_absent = {"$or": [{"as_of": {"$lte": as_of}}, {"as_of": {"$exists": False}}]}
        try:
            await self.db[collection].update_one(
                {"_id": fact_id, **newer_or_absent},
                {"$set": {**fields, "as_of": as_of}},
                upsert=True,
            )
        except DuplicateKeyError:
            return False  # the stored fact is newer: this event is old news
        return True

    async def find(self, collection: str, query: dict[str, Any], *, limit: int = 500):
        cursor = self.db[collection].find(query).sort("_id", 1).limit(limit)
        return await cursor.to_list(None)

    async def count(self, collection: str, query: dict[str, Any]) -> int:
        return await self.db[collection].count_documents(query)

    async def count_by(self, collection: str, query: dict[str, Any], field: str) -> dict[str, int]:
        pipeline = [{"$match": query}, {"$group": {"_id": f"${field}", "n": {"$sum": 1}}}]
        cursor = await self.db[collection].aggregate(pipeline)
        return {str(row["_id"]): row["n"] async for row in cursor}
