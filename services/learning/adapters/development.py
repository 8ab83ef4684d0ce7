"""The learning and development programme (`development_items`): each item with its source,
target and sessions (scheduled, delivered, attendance), one document, changed by version."""

from __future__ import annotations

from typing import Any

from pymongo import DESCENDING

from shared.aggregates import Aggregates
from shared.outbox import Outbox
from shared.store import IndexSpec, Store, ascending

ITEMS = "development_items"
INDEXES = [IndexSpec(ITEMS, ascending("created_at"))]


class DevelopmentProgramme(Aggregates):
    def __init__(self, store: Store, outbox: Outbox) -> None:
        super().__init__(store, outbox, ITEMS)

    async def newest(self, limit: int = 200) -> list[dict[str, Any]]:
        return await self._find({}, sort=[("created_at", DESCENDING)], limit=limit)
