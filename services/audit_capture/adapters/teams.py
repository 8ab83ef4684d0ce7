"""The directory's teams (collection `teams`)."""

from __future__ import annotations

from typing import Any

from shared.outbox import Outbox
from shared.store import Store

from shared.aggregates import Aggregates

TEAMS = "teams"


class Teams(Aggregates):
    def __init__(self, store: Store, outbox: Outbox) -> None:
        super().__init__(store, outbox, TEAMS)

    async def listed(self) -> list[dict[str, Any]]:
        return await self._find({}, limit=10_000)

    async def names(self) -> list[dict[str, Any]]:
        return await self._collection.find({}, {"name": 1}).to_list(None)

    async def ids(self) -> set[str]:
        return await self._ids()
