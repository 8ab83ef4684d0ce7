"""Alerts, each stored once (its id is derived) before it is published: collection `alerts`.

Publishing is claimed first, by inserting a claim document with a unique id: FerretDB 1.24
applies a filtered update or findAndModify as "read, then write by _id", so two instances
could both win a conditional update; only a unique insert is atomic there. The first attempt
claims `<alert>:first`; the relay retries an alert left unpublished (a crash, a broker
outage) only after RETRY_AFTER, claiming one time slot at a time. A crash after publishing
and before marking it published can only repeat the same event id, which consumers dedupe.
"""

from __future__ import annotations

import uuid
from datetime import timedelta
from typing import Any

from pymongo import DESCENDING
from pymongo.errors import DuplicateKeyError

from schemas import topics
from schemas.alert import AlertRaised
from shared.envelope import Envelope, utc_now
from shared.kafka import BrokerUnavailable, EventPublisher
from shared.store import IndexSpec, Store, ascending

ALERTS = "alerts"
CLAIMS = "alert_claims"
INDEXES = [IndexSpec(ALERTS, ascending("published", "stored_at")),
           IndexSpec(ALERTS, ascending("team_id", "raised_at")),
           IndexSpec(ALERTS, ascending("owner_id", "raised_at"))]
RETRY_AFTER = timedelta(seconds=20)


class AlertStore:
    def __init__(self, store: Store, publisher: EventPublisher) -> None:
        self.collection = store.db[ALERTS]
        self.claims = store.db[CLAIMS]
        self.publisher = publisher
        self.instance = uuid.uuid4().hex

    async def insert_once(self, alert: AlertRaised, envelope: Envelope) -> bool:
        document = {"_id": alert.alert_id, **alert.model_dump(mode="json"),
                    "raised_at": alert.raised_at, "envelope": envelope.model_dump(mode="json"),
                    "published": False, "stored_at": utc_now()}
        try:
            await self.collection.insert_one(document)
        except DuplicateKeyError:
            return False
        return True

    async def claim(self, claim_id: str) -> bool:
        try:
            await self.claims.insert_one({"_id": claim_id, "by": self.instance,
                                          "at": utc_now()})
        except DuplicateKeyError:
            return False
        return True

    async def publish(self, alert_id: str, *, slot: str = "first") -> dict[str, Any] | None:
        """Publish if unpublished and this instance wins the claim; the alert, else None."""
        document = await self.collection.find_one({"_id": alert_id, "published": False})
        if document is None or not await self.claim(f"{alert_id}:{slot}"):
            return None
        envelope = Envelope.model_validate(document["envelope"])
        try:
            await self.publisher.publish(envelope, topics.ALERT)
        except BrokerUnavailable:
            return None  # the relay tries again in a later slot
        await self.collection.update_one(
            {"_id": alert_id}, {"$set": {"published": True, "published_at": utc_now()}})
        return document

    async def relay(self, limit: int = 100) -> int:
        """Publish alerts left unpublished for a while (one claim per time slot)."""
        now = utc_now()
        cursor = self.collection.find(
            {"published": False, "stored_at": {"$lt": now - RETRY_AFTER}}, {"_id": 1})
        slot = str(int(now.timestamp() // RETRY_AFTER.total_seconds()))
        published = 0
        for document in await cursor.limit(limit).to_list(None):
            published += bool(await self.publish(document["_id"], slot=slot))
        return published

    async def recent(self, query: dict[str, Any], limit: int = 50) -> list[dict[str, Any]]:
        cursor = self.collection.find(query, {"envelope": 0})
        return await cursor.sort("raised_at", DESCENDING).limit(limit).to_list(None)
