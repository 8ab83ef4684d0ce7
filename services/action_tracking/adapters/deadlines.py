"""Every deadline the engine watches: collection `deadlines`, one document per thing that
falls due (an action, an audit window, a complaint stage), with the alerts still to come
(`next_at`) and those already raised or skipped (`done`).

An action's deadline also holds the action's `status`, and every change of that field moves
the counters of actions by status (collection `counters`) in the same transaction, so the
counters always equal the deadlines by status, however often or in whatever order events
are applied (issue 18, defect 3: the metrics ran twelve counts every 15 s). The counters are
spread over a few documents so concurrent changes rarely conflict."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from datetime import date, datetime
from typing import Any

from pymongo import ASCENDING
from pymongo.asynchronous.client_session import AsyncClientSession

from shared.england_time import england_day
from shared.store import IndexSpec, Store, ascending

from ..domain.deadlines import Plan, Rule, acknowledgement_moments, deadline_id
from ..domain.deadlines import moments

DEADLINES = "deadlines"
COUNTERS = "counters"
ACTIONS_BY_STATUS = "actions_by_status"
SHARDS = 8
BACKFILLED = "action_statuses_backfilled"  # a store from before counters got its statuses
INDEXES = [IndexSpec(DEADLINES, ascending("open", "next_at")),
           IndexSpec(DEADLINES, ascending("match_keys")),
           # Overdue of a kind (every actions page): equalities, then the range.
           IndexSpec(DEADLINES, ascending("about", "open", "due_at")),
           # Overdue actions of one status (the metrics): equalities, then the range.
           IndexSpec(DEADLINES, ascending("about", "open", "status", "due_at")),
           IndexSpec(COUNTERS, ascending("kind"))]


def _shard(action_id: str) -> str:
    digest = hashlib.sha256(action_id.encode()).digest()
    return f"{ACTIONS_BY_STATUS}:{digest[0] % SHARDS}"


class DeadlineStore:
    def __init__(self, store: Store, rule: Rule) -> None:
        self.store = store
        self.collection = store.db[DEADLINES]
        self.counters = store.db[COUNTERS]
        self.rule = rule

    async def register(
        self, *, about: str, about_id: str, due_on: date, team_id: str | None,
        owner_id: str | None, now: datetime, quiet: bool = False,
        match_keys: list[str] | None = None, status: str | None = None,
    ) -> dict[str, Any]:
        """Create or update; alerts already raised for the same due date stay raised. An
        action's `status` is set (and counted) only when its deadline is created."""
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
        if status is None:
            await self.collection.update_one({"_id": key}, {"$set": document}, upsert=True)
            return {"_id": key, **document}

        async def work(session: AsyncClientSession) -> None:
            result = await self.collection.update_one(
                {"_id": key}, {"$set": document, "$setOnInsert": {"status": status}},
                upsert=True, session=session)
            if result.upserted_id is not None:
                await self._count(about_id, {status: 1}, session)

        await self.store.transaction(work)
        return {"_id": key, **document}

    async def register_acknowledgement(self, action_id: str, by: datetime, *, team_id: str,
                                       owner_id: str) -> None:
        """An urgent action's acknowledgement deadline: one alert moment, escalation at `by`;
        registered once (a redelivery keeps what was done)."""
        plan = Plan(acknowledgement_moments(by))
        document = {
            "about": "acknowledgement", "about_id": action_id,
            "due_on": england_day(by).isoformat(), "due_at": by, "moments": plan.moments,
            "done": [], "team_id": team_id, "owner_id": owner_id, "open": True,
            "next_at": plan.next_at(), "match_keys": []}
        await self.collection.update_one({"_id": deadline_id("acknowledgement", action_id)},
                                         {"$setOnInsert": document}, upsert=True)

    async def set_action_status(self, action_id: str, status: str, *, is_open: bool) -> bool:
        """The action's status on its deadline, counted; False if it had it already (a
        redelivery) or the action has no deadline yet."""
        key = deadline_id("action", action_id)

        async def work(session: AsyncClientSession) -> bool:
            before = await self.collection.find_one_and_update(
                {"_id": key, "status": {"$ne": status}},
                {"$set": {"status": status, "open": is_open}},
                projection={"status": 1}, session=session)
            if before is None:
                return False
            await self._count(action_id, {before.get("status"): -1, status: 1}, session)
            return True

        return await self.store.transaction(work)

    async def _count(self, action_id: str, deltas: dict[str | None, int],
                     session: AsyncClientSession) -> None:
        moves = {f"by_status.{s}": n for s, n in deltas.items() if s is not None}
        await self.counters.update_one({"_id": _shard(action_id)},
                                       {"$set": {"kind": ACTIONS_BY_STATUS}, "$inc": moves},
                                       upsert=True, session=session)

    async def action_counts(self) -> dict[str, int]:
        """Actions by status, from the counters (a few documents, by index)."""
        counts: dict[str, int] = {}
        async for shard in self.counters.find({"kind": ACTIONS_BY_STATUS}):
            for status, n in shard.get("by_status", {}).items():
                counts[status] = counts.get(status, 0) + n
        return counts

    async def overdue_actions(self, statuses: Iterable[str], now: datetime) -> dict[str, int]:
        """Open actions past their due moment, for each of `statuses` (an index count each,
        over the overdue ones only)."""
        return {status: await self.collection.count_documents(
                    {"about": "action", "open": True, "status": status,
                     "due_at": {"$lte": now}}) for status in statuses}

    async def backfilled(self) -> bool:
        return await self.counters.find_one({"_id": BACKFILLED}) is not None

    async def mark_backfilled(self) -> None:
        await self.counters.update_one({"_id": BACKFILLED}, {"$set": {"kind": BACKFILLED}},
                                       upsert=True)

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
