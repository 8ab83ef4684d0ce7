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

    async def about_worker(self, worker_id: str) -> list[dict[str, Any]]:
        """The practice observations of a worker and the checklists about their cases."""
        practice = await self._collection.find({"worker_id": worker_id}).to_list(500)
        checklists = await self._collection.find({"social_worker_id": worker_id}).to_list(500)
        return practice + checklists
