"""Practice and meeting observations and conference checklists (collection `observations`),
told apart by `kind_of_record`."""

from __future__ import annotations

from typing import Any

from shared.outbox import Outbox
from shared.store import Store

from shared.aggregates import Aggregates

OBSERVATIONS = "observations"


class Observations(Aggregates):
    def __init__(self, store: Store, outbox: Outbox) -> None:
        super().__init__(store, outbox, OBSERVATIONS)

    async def listed(self, kind_of_record: str | None = None) -> list[dict[str, Any]]:
        """All, or those of one kind (practice, meeting, checklist)."""
        return await self._find({"kind_of_record": kind_of_record} if kind_of_record else {})
