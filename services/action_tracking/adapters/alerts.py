"""Alerts, each stored once (its id is derived) with its event through the outbox:
collection `alerts`. Of several instances raising the same alert, only the one whose
transaction inserted it holds its event, so it is published once; the outbox relay
publishes it if that instance dies or the broker is down.
"""

from __future__ import annotations

from typing import Any

from pymongo import DESCENDING

from schemas.alert import AlertRaised
from shared.envelope import Envelope, utc_now
from shared.outbox import Outbox, Written
from shared.store import IndexSpec, ascending

from ..domain.visibility import Viewer
from .visibility import seen_by

ALERTS = "alerts"
INDEXES = [IndexSpec(ALERTS, ascending("team_id", "raised_at")),
           IndexSpec(ALERTS, ascending("owner_id", "raised_at")),
           # The escalated_to branch of seen_by()'s $or (one unindexed branch
           # makes the whole $or a collection scan), and the latest for those who see all.
           IndexSpec(ALERTS, ascending("escalated_to", "raised_at")),
           IndexSpec(ALERTS, ascending("raised_at"))]


class AlertStore:
    def __init__(self, outbox: Outbox) -> None:
        self.collection = outbox.store.db[ALERTS]
        self.outbox = outbox

    async def insert_once(self, alert: AlertRaised, envelope: Envelope) -> Written | None:
        """The write if this call stored the alert; None if it was stored already."""
        document = {"_id": alert.alert_id, **alert.model_dump(mode="json"),
                    "raised_at": alert.raised_at, "stored_at": utc_now()}
        return await self.outbox.upsert_once(ALERTS, document, [(alert, envelope)])

    async def publish(self, written: Written) -> bool:
        """True once Kafka has it; False leaves it to the outbox relay."""
        return await self.outbox.publish(written)

    async def get(self, alert_id: str) -> dict[str, Any] | None:
        return await self.collection.find_one({"_id": alert_id})

    async def recent_seen_by(self, viewer: Viewer, limit: int = 50) -> list[dict[str, Any]]:
        """The latest alerts this person may see, newest first."""
        cursor = self.collection.find(seen_by(viewer))
        return await cursor.sort("raised_at", DESCENDING).limit(limit).to_list(None)
