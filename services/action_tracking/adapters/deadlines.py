"""Every deadline the engine watches: collection `deadlines`, one document per thing that
falls due (an action, an audit window, a complaint stage), with the alerts still to come
(`next_at`) and those already raised or skipped (`done`)."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from pymongo import ASCENDING

from shared.store import IndexSpec, Store, ascending

from ..domain.deadlines import Plan, Rule, deadline_id, moments

DEADLINES = "deadlines"
INDEXES = [IndexSpec(DEADLINES, ascending("open", "next_at")),
           IndexSpec(DEADLINES, ascending("match_keys")),
           # Overdue of a kind (every actions page, the metrics): equalities, then the range.
           IndexSpec(DEADLINES, ascending("about", "open", "due_at"))]


class DeadlineStore:
    def __init__(self, store: Store, rule: Rule) -> None:
        self.collection = store.db[DEADLINES]
        self.rule = rule

    async def register(
        self, *, about: str, about_id: str, due_on: date, team_id: str | None,
        owner_id: str | None, now: datetime, quiet: bool = False,
        match_keys: list[str] | None = None,
    ) -> dict[str, Any]:
        """Create or update; alerts already raised for the same due date stay raised."""
        key = deadline_id(about, about_id)
        existing = await self.collection.find_one({"_id": key})
        plan = Plan(moments(due_on, self.rule))
        if existing and existing["due_on"] == due_on.isoformat():
            plan.done = set(existing.get("done", []))
        elif quiet:
            plan.quiet_until(now)
        document = {
            "about": about, "about_id": about_id, "due_on": due_on.isoformat(),
            "due_at": plan.moments["overdue"], "moments": plan.moments, "done": sorted(plan.done),
            "team_id": team_id, "owner_id": owner_id, "open": True, "next_at": plan.next_at(),
            "match_keys": match_keys or [],
        }
        await self.collection.update_one({"_id": key}, {"$set": document}, upsert=True)
        return {"_id": key, **document}

    async def update_people(self, about: str, about_id: str, *, owner_id: str, team_id: str):
        await self.collection.update_one({"_id": deadline_id(about, about_id)},
                                         {"$set": {"owner_id": owner_id, "team_id": team_id}})

    async def set_open(self, about: str, about_id: str, is_open: bool) -> None:
        await self.collection.update_one({"_id": deadline_id(about, about_id)},
                                         {"$set": {"open": is_open}})

    async def clear_matching(self, key: str) -> int:
        result = await self.collection.update_many({"match_keys": key, "open": True},
                                                   {"$set": {"open": False}})
        return result.modified_count

    async def due(self, now: datetime, limit: int = 200) -> list[dict[str, Any]]:
        cursor = self.collection.find({"open": True, "next_at": {"$lte": now}})
        return await cursor.sort("next_at", ASCENDING).limit(limit).to_list(None)

    async def next_moment(self) -> datetime | None:
        cursor = self.collection.find({"open": True, "next_at": {"$ne": None}}, {"next_at": 1})
        found = await cursor.sort("next_at", ASCENDING).limit(1).to_list(None)
        return found[0]["next_at"] if found else None

    async def mark_done(self, document: dict[str, Any], kinds: list[str]) -> None:
        plan = Plan(document["moments"], set(document.get("done", [])) | set(kinds))
        await self.collection.update_one(
            {"_id": document["_id"], "due_on": document["due_on"]},
            {"$set": {"done": sorted(plan.done), "next_at": plan.next_at()}})

    async def overdue_count(self, about: str, now: datetime) -> int:
        return await self.collection.count_documents(
            {"about": about, "open": True, "due_at": {"$lte": now}})

    async def overdue_ids(self, about: str, now: datetime) -> set[str]:
        cursor = self.collection.find({"about": about, "open": True, "due_at": {"$lte": now}},
                                      {"about_id": 1})
        return {d["about_id"] async for d in cursor}
