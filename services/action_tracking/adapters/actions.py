"""Where actions are kept: collection `actions`, one document per action, with its outbox
and its history (who changed what, when)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from pymongo import ASCENDING

from schemas.action import ActionRaised, ActionStatus
from schemas.base import EventData
from shared.envelope import Envelope
from shared.outbox import Outbox
from shared.store import IndexSpec, Store, ascending

ACTIONS = "actions"
INDEXES = [
    IndexSpec(ACTIONS, ascending("origin.id")),
    IndexSpec(ACTIONS, ascending("owner_id", "status")),
    IndexSpec(ACTIONS, ascending("team_id", "status")),
    IndexSpec(ACTIONS, ascending("escalated_to", "status")),  # a branch of the team page's $or
    # Live actions for those who see all, GET /actions?status=, the metrics' counts by status.
    IndexSpec(ACTIONS, ascending("status", "due_date")),
    IndexSpec(ACTIONS, ascending("due_date")),  # GET /actions unfiltered: the first by due date
]


def history_entry(*, at: datetime, by: str, change: str, status: str,
                  note: str | None = None) -> dict[str, Any]:
    return {"at": at.isoformat(), "by": by, "change": change, "status": status, "note": note}


class ActionRepository:
    def __init__(self, store: Store, outbox: Outbox) -> None:
        self.collection = store.db[ACTIONS]
        self.outbox = outbox

    async def add_once(self, raised: ActionRaised, envelope: Envelope) -> bool:
        """Insert if absent (the id is derived), then publish; True if it was new."""
        by = raised.raised_by or raised.origin.kind
        document = {"_id": raised.action_id, "status": ActionStatus.OPEN.value,
                    **raised.model_dump(mode="json"), "progress": [], "evidence": None,
                    "history": [history_entry(at=raised.raised_at, by=by, change="raised",
                                              status=ActionStatus.OPEN.value)]}
        created = await self.outbox.upsert_once(ACTIONS, document, [(raised, envelope)])
        # Also when known already: a redelivery publishes what an earlier attempt left.
        await self.outbox.flush(ACTIONS, raised.action_id)
        return created is not None

    async def change(self, current: dict[str, Any], changes: dict[str, Any],
                     entry: dict[str, Any], events: list[tuple[EventData, Envelope]]) -> bool:
        """Version-guarded change with its history entry and events; True if published.
        VersionConflict if someone changed the action since `current` was read."""
        history = [*current.get("history", []), entry]
        await self.outbox.update(ACTIONS, current["_id"], expected_version=current["version"],
                                 changes={**changes, "history": history}, events=events)
        return await self.outbox.flush(ACTIONS, current["_id"])

    async def flush(self, action_id: str) -> bool:
        """Publish what is pending; False if the broker is down (the relay will)."""
        return await self.outbox.flush(ACTIONS, action_id)

    async def get(self, action_id: str) -> dict[str, Any] | None:
        return await self.collection.find_one({"_id": action_id})

    async def find(self, **criteria: Any) -> list[dict[str, Any]]:
        query = {field: value for field, value in criteria.items() if value is not None}
        cursor = self.collection.find(query).sort("due_date", ASCENDING).limit(500)
        return await cursor.to_list(None)

    async def count_by_status(self, query: dict[str, Any]) -> dict[str, int]:
        counts: dict[str, int] = {}
        for status in ActionStatus:
            counts[status.value] = await self.collection.count_documents(
                {**query, "status": status.value})
        return counts
