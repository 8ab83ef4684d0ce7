"""The annual programme, one document per month (collection `programme_months`): its theme
and groups, case list, sample and moderation sample."""

from __future__ import annotations

from typing import Any

from pymongo import ASCENDING, DESCENDING

from shared.outbox import Outbox
from shared.store import Store

from shared.aggregates import Aggregates

MONTHS = "programme_months"


class ProgrammeMonths(Aggregates):
    def __init__(self, store: Store, outbox: Outbox) -> None:
        super().__init__(store, outbox, MONTHS)

    async def latest(self, limit: int = 60) -> list[dict[str, Any]]:
        """The last `limit` months planned, in calendar order: a programme runs for years,
        and the page is for what is current and coming."""
        cursor = self._collection.find({}).sort("_id", DESCENDING).limit(limit)
        return list(reversed(await cursor.to_list(None)))

    async def last_before(self, month: str) -> dict[str, Any] | None:
        """The last month planned before `month` (the rotation continues from it)."""
        return await self._collection.find_one({"_id": {"$lt": month}},
                                               sort=[("_id", DESCENDING)])

    async def first_after(self, month: str) -> dict[str, Any] | None:
        """The first month planned after `month`."""
        return await self._collection.find_one({"_id": {"$gt": month}},
                                               sort=[("_id", ASCENDING)])
