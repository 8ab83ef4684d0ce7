"""The annual programme, one document per month (collection `programme_months`): its theme
and groups, case list, sample and moderation sample."""

from __future__ import annotations

from typing import Any

from shared.outbox import Outbox
from shared.store import Store

from .aggregates import Aggregates

MONTHS = "programme_months"


class ProgrammeMonths(Aggregates):
    def __init__(self, store: Store, outbox: Outbox) -> None:
        super().__init__(store, outbox, MONTHS)

    async def earliest(self, limit: int = 60) -> list[dict[str, Any]]:
        """The planned months in order, the earliest first."""
        return await self._find({}, sort="_id", limit=limit)
