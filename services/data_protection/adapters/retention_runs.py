"""The retention job's runs (`retention_runs`): one document per run, dry or real, written
with its `retention.run_recorded` event through the outbox. Record ids disposed of are kept
here (the officer may need to say which records went); the event carries counts only."""

from __future__ import annotations

from typing import Any

from pymongo import DESCENDING

from shared.aggregates import Aggregates
from shared.outbox import Outbox
from shared.store import IndexSpec, Store, ascending

RETENTION_RUNS = "retention_runs"
INDEXES = [IndexSpec(RETENTION_RUNS, [("started_at", DESCENDING)]),
           IndexSpec(RETENTION_RUNS, ascending("dry_run", "today")),
           IndexSpec(RETENTION_RUNS, ascending("dry_run", "finished_at"))]


class RetentionRuns(Aggregates):
    def __init__(self, store: Store, outbox: Outbox) -> None:
        super().__init__(store, outbox, RETENTION_RUNS)

    async def newest(self, limit: int = 50) -> list[dict[str, Any]]:
        return await self._find({}, sort=[("started_at", DESCENDING)], limit=limit)

    async def real_run_for(self, today: str) -> dict[str, Any] | None:
        found = await self._find({"dry_run": False, "today": today}, limit=1)
        return found[0] if found else None

    async def unfinished_real_runs(self) -> list[dict[str, Any]]:
        return await self._find({"dry_run": False, "finished_at": None}, sort="started_at")
