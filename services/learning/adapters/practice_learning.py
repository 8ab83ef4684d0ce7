"""The practice learning team's collections: `practice_observations` (each worker's practice
observations and chairs' checklists from qa.observation, one document each),
`plt_queue` (observations shared with the team and audit outcomes, each to review),
`annual_reviews` (the team's yearly review of a worker's observations) and `asye_records`
(who is in their ASYE year, from when). None publishes: these are the team's working records."""

from __future__ import annotations

from typing import Any

from pymongo import DESCENDING
from pymongo.errors import DuplicateKeyError

from shared.aggregates import Aggregates
from shared.outbox import Outbox
from shared.store import IndexSpec, Store, ascending

OBSERVATIONS = "practice_observations"
QUEUE = "plt_queue"
ANNUAL_REVIEWS = "annual_reviews"
ASYE = "asye_records"
INDEXES = [IndexSpec(OBSERVATIONS, ascending("worker_id", "on")),
           IndexSpec(QUEUE, ascending("status", "on")),
           IndexSpec(ANNUAL_REVIEWS, ascending("worker_id", "reviewed_on")),
           IndexSpec(ASYE, ascending("started_on"))]


class PracticeObservations:
    def __init__(self, store: Store) -> None:
        self._collection = store.db[OBSERVATIONS]

    async def keep(self, observation: dict[str, Any]) -> None:
        """The same observation delivered again replaces itself with the same fields."""
        await self._collection.replace_one({"_id": observation["_id"]}, observation, upsert=True)

    async def of_worker(self, worker_id: str) -> list[dict[str, Any]]:
        return await self._collection.find({"worker_id": worker_id}).sort("on").to_list(1000)

    async def per_worker(self) -> list[dict[str, Any]]:
        """Each worker observed: their first observation's date and how many they have (read
        in the index's order, so the whole list is one index scan)."""
        cursor = await self._collection.aggregate([
            {"$sort": {"worker_id": 1, "on": 1}},
            {"$group": {"_id": "$worker_id", "first_observed_on": {"$first": "$on"},
                        "observations": {"$sum": 1}}},
            {"$sort": {"_id": 1}}])
        return await cursor.to_list(None)


class PracticeLearningQueue(Aggregates):
    def __init__(self, store: Store, outbox: Outbox) -> None:
        super().__init__(store, outbox, QUEUE)

    async def enqueue_once(self, item: dict[str, Any]) -> bool:
        """A redelivered observation or audit adds nothing, and never undoes a review."""
        try:
            found = await self._collection.update_one(
                {"_id": item["_id"]}, {"$setOnInsert": {**item, "version": 1}}, upsert=True)
        except DuplicateKeyError:
            return False  # a concurrent delivery inserted it first
        return found.upserted_id is not None

    async def with_status(self, status: str, limit: int = 500) -> list[dict[str, Any]]:
        newest_first = [("on", DESCENDING), ("_id", DESCENDING)]
        return await self._find({"status": status}, sort=newest_first, limit=limit)


class AnnualReviews(Aggregates):
    def __init__(self, store: Store, outbox: Outbox) -> None:
        super().__init__(store, outbox, ANNUAL_REVIEWS)

    async def of_worker(self, worker_id: str) -> list[dict[str, Any]]:
        return await self._find({"worker_id": worker_id},
                                sort=[("reviewed_on", DESCENDING)], limit=100)

    async def last_per_worker(self) -> dict[str, str]:
        cursor = await self._collection.aggregate([
            {"$sort": {"worker_id": 1, "reviewed_on": 1}},
            {"$group": {"_id": "$worker_id", "last": {"$last": "$reviewed_on"}}}])
        rows = await cursor.to_list(None)
        return {r["_id"]: r["last"] for r in rows}


class AsyeRecords(Aggregates):
    def __init__(self, store: Store, outbox: Outbox) -> None:
        super().__init__(store, outbox, ASYE)

    async def every(self) -> list[dict[str, Any]]:
        return await self._find({}, sort="started_on", limit=2000)
