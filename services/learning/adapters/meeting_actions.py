"""The actions meetings and supervision sessions raised, as action tracking reports them on
qa.action (collection `meeting_actions`, the origin's id in `meeting_id`): so a clinic opens
with what became of the last one's actions, and a supervision can discuss a person's actions
by what they say."""

from __future__ import annotations

from typing import Any

from pymongo import ASCENDING

from shared.store import IndexSpec, Store, ascending

MEETING_ACTIONS = "meeting_actions"
INDEXES = [IndexSpec(MEETING_ACTIONS, ascending("meeting_id", "due_date")),
           IndexSpec(MEETING_ACTIONS, ascending("owner_id", "due_date"))]


class MeetingActions:
    def __init__(self, store: Store) -> None:
        self.collection = store.db[MEETING_ACTIONS]

    async def raised(self, action_id: str, record: dict[str, Any]) -> None:
        """First sighting inserts; a status already known is kept."""
        await self.collection.update_one({"_id": action_id}, {"$setOnInsert": record},
                                         upsert=True)

    async def status_changed(self, action_id: str, status: str, at: str) -> None:
        """Only a newer change replaces the status (ISO times compare as text)."""
        await self.collection.update_one(
            {"_id": action_id, "$or": [{"status_at": {"$lt": at}}, {"status_at": None}]},
            {"$set": {"status": status, "status_at": at}})

    async def of_meeting(self, meeting_id: str) -> list[dict[str, Any]]:
        cursor = self.collection.find({"meeting_id": meeting_id}).sort("due_date", ASCENDING)
        return await cursor.to_list(500)

    async def owned_by(self, owner_id: str) -> list[dict[str, Any]]:
        cursor = self.collection.find({"owner_id": owner_id}).sort("due_date", ASCENDING)
        return await cursor.to_list(500)

    async def get(self, action_id: str) -> dict[str, Any] | None:
        return await self.collection.find_one({"_id": action_id})
