"""The monthly findings summaries (collection `findings`, id the month), with their
audit groups' sign-offs and outbox."""

from __future__ import annotations

from typing import Any

from pymongo import DESCENDING

from shared.outbox import Outbox
from shared.store import Store

from shared.aggregates import Aggregates

FINDINGS = "findings"
INDEXES: list = []  # read by _id only


class FindingsSummaries(Aggregates):
    def __init__(self, store: Store, outbox: Outbox) -> None:
        super().__init__(store, outbox, FINDINGS)

    async def latest(self, limit: int = 24) -> list[dict[str, Any]]:
        return await self._find({}, sort=[("_id", DESCENDING)], limit=limit)
