"""Where actions are kept: collection `actions`, one document per action, with its outbox
and its history (who changed what, when)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from pymongo import ASCENDING
from pymongo.errors import DuplicateKeyError

from schemas.action import ActionRaised, ActionStatus
from schemas.base import EventData
from shared.envelope import Envelope
from shared.outbox import Outbox, VersionConflict
from shared.store import IndexSpec, Store, ascending

ACTIONS = "actions"
VERSIONS = "action_versions"  # one document per change made: see `change`
INDEXES = [
    IndexSpec(ACTIONS, ascending("origin.id")),
    IndexSpec(ACTIONS, ascending("owner_id", "status")),
    IndexSpec(ACTIONS, ascending("team_id", "status")),
]
HIDDEN = {"outbox": 0}


def history_entry(*, at: datetime, by: str, change: str, status: str,
                  note: str | None = None) -> dict[str, Any]:
    return {"at": at.isoformat(), "by": by, "change": change, "status": status, "note": note}


class ActionRepository:
    def __init__(self, store: Store, outbox: Outbox) -> None:
        self.collection = store.db[ACTIONS]
        self.versions = store.db[VERSIONS]
        self.outbox = outbox

    async def add_once(self, raised: ActionRaised, envelope: Envelope) -> bool:
        """Insert if absent (the id is derived), then publish; True if it was new."""
        by = raised.raised_by or raised.origin.kind
        document = {"_id": raised.action_id, "status": ActionStatus.OPEN.value,
                    **raised.model_dump(mode="json"), "progress": [], "evidence": None,
                    "history": [history_entry(at=raised.raised_at, by=by, change="raised",
                                              status=ActionStatus.OPEN.value)]}
        created = await self.outbox.upsert_once(ACTIONS, document, [(raised, envelope)])
        await self.outbox.flush(ACTIONS, raised.action_id)
        return created

    async def change(self, current: dict[str, Any], changes: dict[str, Any],
                     entry: dict[str, Any], events: list[tuple[EventData, Envelope]]) -> bool:
        """Version-guarded change with its history entry and events; True if published.

        FerretDB 1.24 applies a filtered update as "read, then write by _id", so two
        concurrent changes could both pass the version filter; a unique insert of
        `<action>:<version>` first lets exactly one of them move the action on."""
        try:
            await self.versions.insert_one({"_id": f"{current['_id']}:{current['version']}"})
        except DuplicateKeyError as error:
            raise VersionConflict(f"{current['_id']} changed since it was read; "
                                  "reload and try again") from error
        history = [*current.get("history", []), entry]
        await self.outbox.update(ACTIONS, current["_id"], expected_version=current["version"],
                                 changes={**changes, "history": history}, events=events)
        return await self.outbox.flush(ACTIONS, current["_id"])

    async def flush(self, action_id: str) -> bool:
        """Publish what is pending; False if the broker is down (the relay will)."""
        return await self.outbox.flush(ACTIONS, action_id)

    async def get(self, action_id: str) -> dict[str, Any] | None:
        return await self.collection.find_one({"_id": action_id}, HIDDEN)

    async def find(self, **criteria: Any) -> list[dict[str, Any]]:
        query = {field: value for field, value in criteria.items() if value is not None}
        cursor = self.collection.find(query, HIDDEN).sort("due_date", ASCENDING).limit(500)
        return await cursor.to_list(None)

    async def count_by_status(self, query: dict[str, Any]) -> dict[str, int]:
        counts: dict[str, int] = {}
        for status in ActionStatus:
            counts[status.value] = await self.collection.count_documents(
                {**query, "status": status.value})
        return counts
