"""Learning circles' collections: `cp_plans` (each month's child protection plans from the
case list, one document a month, replaced by a redelivery), `circle_proposals` (children the
practice learning team proposed by hand, one per case reference) and `circles` (circles
held, written with their event through the outbox)."""

from __future__ import annotations

from typing import Any

from pymongo import DESCENDING

from schemas.circles import ChildProtectionPlansListed
from shared.aggregates import Aggregates
from shared.envelope import utc_now
from shared.outbox import Outbox
from shared.store import IndexSpec, Store, ascending

CP_PLANS = "cp_plans"
PROPOSALS = "circle_proposals"
CIRCLES = "circles"
INDEXES = [IndexSpec(CIRCLES, ascending("held_on")), IndexSpec(CIRCLES, ascending("case_ref")),
           IndexSpec(CP_PLANS, ascending("received_at"))]


class ChildProtectionPlans:
    def __init__(self, store: Store) -> None:
        self._lists = store.db[CP_PLANS]
        self._proposals = store.db[PROPOSALS]

    async def listed(self, listed: ChildProtectionPlansListed) -> None:
        """The month's list (a redelivery, or the month's case list imported again, replaces
        it)."""
        await self._lists.replace_one({"_id": listed.month},
                                      {"_id": listed.month, **listed.model_dump(mode="json"),
                                       "received_at": utc_now()},
                                      upsert=True)

    async def newest(self) -> dict[str, Any] | None:
        """The list received last: a child no longer on it is no longer proposed. By when it
        came, not by its month: a programme month's list may be imported months ahead."""
        return await self._lists.find_one({}, sort=[("received_at", DESCENDING)])

    async def propose(self, plan: dict[str, Any]) -> None:
        await self._proposals.replace_one({"_id": plan["case_ref"]},
                                          {"_id": plan["case_ref"], **plan}, upsert=True)

    async def proposals(self) -> list[dict[str, Any]]:
        return await self._proposals.find({}).sort("_id").to_list(2000)


class Circles(Aggregates):
    def __init__(self, store: Store, outbox: Outbox) -> None:
        super().__init__(store, outbox, CIRCLES)

    async def latest(self, limit: int = 200) -> list[dict[str, Any]]:
        return await self._find({}, sort=[("held_on", DESCENDING)], limit=limit)

    async def circled(self) -> set[str]:
        """Case references whose core group has had a circle."""
        return set(await self._collection.distinct("case_ref"))
