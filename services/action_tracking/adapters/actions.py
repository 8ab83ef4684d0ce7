"""Where actions are kept: collection `actions`, one document per action, with its outbox."""

from __future__ import annotations

from typing import Any

from schemas.action import ActionRaised, ActionStatus
from shared.envelope import Envelope
from shared.outbox import Outbox
from shared.store import IndexSpec, Store, ascending

ACTIONS = "actions"
INDEXES = [
    IndexSpec(ACTIONS, ascending("origin.id")),
    IndexSpec(ACTIONS, ascending("owner_id", "status")),
    IndexSpec(ACTIONS, ascending("team_id", "status")),
]
HIDDEN = {"outbox": 0}


class ActionRepository:
    def __init__(self, store: Store, outbox: Outbox) -> None:
        self.collection = store.db[ACTIONS]
        self.outbox = outbox

    async def add_once(self, raised: ActionRaised, envelope: Envelope) -> bool:
        document = {"_id": raised.action_id, "status": ActionStatus.OPEN.value,
                    **raised.model_dump(mode="json")}
        created = await self.outbox.upsert_once(ACTIONS, document, [(raised, envelope)])
        await self.outbox.flush(ACTIONS, raised.action_id)
        return created

    async def get(self, action_id: str) -> dict[str, Any] | None:
        return await self.collection.find_one({"_id": action_id}, HIDDEN)

    async def find(self, **criteria: str) -> list[dict[str, Any]]:
        query = {field: value for field, value in criteria.items() if value is not None}
        cursor = self.collection.find(query, HIDDEN).sort("due_date", 1).limit(500)
        return await cursor.to_list(None)
