"""Where actions are kept: collection `actions`, one document per action, with its outbox
and its history (who changed what, when)."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

from pymongo import ASCENDING

from schemas.action import ActionRaised, ActionStatus
from schemas.base import EventData
from shared.envelope import Envelope
from shared.outbox import Outbox
from shared.store import IndexSpec, Store, ascending

from ..domain.changes import history_entry
from ..domain.lifecycle import UNFINISHED
from ..domain.visibility import Viewer
from .visibility import seen_by

ACTIONS = "actions"
INDEXES = [
    IndexSpec(ACTIONS, ascending("origin.id")),
    IndexSpec(ACTIONS, ascending("owner_id", "status")),
    IndexSpec(ACTIONS, ascending("team_id", "status")),
    IndexSpec(ACTIONS, ascending("escalated_to", "status")),  # a branch of the team page's $or
    # Live actions for those who see all, GET /actions?status=.
    IndexSpec(ACTIONS, ascending("status", "due_date")),
    IndexSpec(ACTIONS, ascending("due_date")),  # GET /actions unfiltered: the first by due date
]


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

    async def with_ids(self, action_ids: set[str]) -> dict[str, dict[str, Any]]:
        """The actions of these ids (by _id), for alerts that name their action."""
        cursor = self.collection.find({"_id": {"$in": sorted(action_ids)}})
        return {a["_id"]: a async for a in cursor}

    async def matching(self, viewer: Viewer, *, origin_id: str | None = None,
                       owner_id: str | None = None, team_id: str | None = None,
                       status: str | None = None) -> list[dict[str, Any]]:
        """GET /actions: those `viewer` may see, every filter given, the first 500 by due
        date."""
        criteria = {"origin.id": origin_id, "owner_id": owner_id, "team_id": team_id,
                    "status": status}
        return await self._first(seen_by(viewer, everything=viewer.sees_all_actions,
                                         **{field: value for field, value in criteria.items()
                                            if value is not None}))

    async def unfinished_owned_by(self, owner_id: str) -> list[dict[str, Any]]:
        return await self._first({"owner_id": owner_id, "status": _unfinished()})

    async def unfinished_seen_by(self, viewer: Viewer) -> list[dict[str, Any]]:
        return await self._first(seen_by(viewer, everything=viewer.sees_all_actions,
                                         status=_unfinished()))

    async def _first(self, query: dict[str, Any]) -> list[dict[str, Any]]:
        cursor = self.collection.find(query).sort("due_date", ASCENDING).limit(500)
        return await cursor.to_list(None)

    async def statuses(self) -> AsyncIterator[tuple[str, str]]:
        """(id, status) of every action: once per store, to fill the counters."""
        async for action in self.collection.find({}, {"status": 1}):
            yield action["_id"], action["status"]


def _unfinished() -> dict[str, Any]:
    return {"$in": [status.value for status in UNFINISHED]}
