"""Themed, dip-sample and multi-agency audits as audit capture records them on qa.audit
(collection `themed_results`): a row per case audited, answers by question id, no case
reference and no evidence, for the monthly findings page."""

from __future__ import annotations

from typing import Any

from shared.store import IndexSpec, Store, ascending

THEMED_RESULTS = "themed_results"
INDEXES = [IndexSpec(THEMED_RESULTS, ascending("month", "_id"))]


class ThemedResults:
    def __init__(self, store: Store) -> None:
        self.collection = store.db[THEMED_RESULTS]

    async def recorded(self, themed_audit_id: str, row: dict[str, Any]) -> None:
        """A themed audit is recorded once: redelivered, it leaves the same row."""
        await self.collection.replace_one({"_id": themed_audit_id}, row, upsert=True)

    async def of_month(self, month: str) -> list[dict[str, Any]]:
        cursor = self.collection.find({"month": month}).sort("_id", 1)
        return await cursor.to_list(None)
