"""The clinic schedule (collection `clinic_schedule`): one document per team with when its
next clinic is due, whether one is planned, the alerts raised, and `next_check` (the
earliest alert moment still to come), which the schedule loop waits for."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from pymongo import ASCENDING

from shared.store import IndexSpec, Store, ascending

SCHEDULE = "clinic_schedule"
INDEXES = [IndexSpec(SCHEDULE, ascending("next_check")), IndexSpec(SCHEDULE, ascending("due_by"))]


class ClinicSchedules:
    def __init__(self, store: Store) -> None:
        self.collection = store.db[SCHEDULE]

    async def save(self, team_id: str, fields: dict[str, Any]) -> None:
        await self.collection.update_one({"_id": team_id}, {"$set": fields}, upsert=True)

    async def get(self, team_id: str) -> dict[str, Any] | None:
        return await self.collection.find_one({"_id": team_id})

    async def due(self, now: datetime, limit: int = 500) -> list[dict[str, Any]]:
        cursor = self.collection.find({"next_check": {"$lte": now}})
        return await cursor.sort("next_check", ASCENDING).limit(limit).to_list(None)

    async def next_moment(self) -> datetime | None:
        cursor = self.collection.find({"next_check": {"$ne": None}}, {"next_check": 1})
        found = await cursor.sort("next_check", ASCENDING).limit(1).to_list(None)
        return found[0]["next_check"] if found else None

    async def mark_done(self, team_id: str, alert_ids: list[str],
                        next_check: datetime | None) -> None:
        await self.collection.update_one({"_id": team_id}, {
            "$addToSet": {"done": {"$each": alert_ids}}, "$set": {"next_check": next_check}})

    async def by_due_date(self, limit: int = 500) -> list[dict[str, Any]]:
        cursor = self.collection.find({"due_by": {"$ne": None}})
        return await cursor.sort("due_by", ASCENDING).limit(limit).to_list(None)
