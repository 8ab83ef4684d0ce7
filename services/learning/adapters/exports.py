"""The plans' exports (collection `plan_exports`): each export a snapshot of the quarter's
findings and actions for one plan, stored with its event (governance.plan_exported) through
the outbox."""

from __future__ import annotations

from typing import Any

from pymongo import DESCENDING

from shared.aggregates import Aggregates
from shared.outbox import Outbox
from shared.store import IndexSpec, Store, ascending

PLAN_EXPORTS = "plan_exports"
INDEXES = [IndexSpec(PLAN_EXPORTS, ascending("quarter", "exported_at"))]


class PlanExports(Aggregates):
    def __init__(self, store: Store, outbox: Outbox) -> None:
        super().__init__(store, outbox, PLAN_EXPORTS)

    async def of_quarter(self, quarter: str) -> list[dict[str, Any]]:
        """The quarter's exports, the latest first."""
        return await self._find({"quarter": quarter}, sort=[("quarter", DESCENDING),
                                                            ("exported_at", DESCENDING)],
                                limit=100)
