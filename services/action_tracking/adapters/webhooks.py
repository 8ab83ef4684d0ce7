"""Webhook subscriptions (`webhook_subscriptions`) and the deliveries that kept failing
(`webhook_deliveries`: one document per subscription and alert, delivered or dead)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from pymongo import DESCENDING

from shared.envelope import derived_id
from shared.store import IndexSpec, Store, ascending

SUBSCRIPTIONS = "webhook_subscriptions"
DELIVERIES = "webhook_deliveries"
INDEXES = [IndexSpec(SUBSCRIPTIONS, ascending("kinds")),
           IndexSpec(DELIVERIES, ascending("state", "failed_at"))]
PUBLIC = {"secret": 0}


def delivery_id(subscription_id: str, alert_id: str) -> str:
    return derived_id("delivery", subscription_id, alert_id)


class WebhookStore:
    def __init__(self, store: Store) -> None:
        self.subscriptions = store.db[SUBSCRIPTIONS]
        self.deliveries = store.db[DELIVERIES]

    async def add(self, subscription: dict[str, Any]) -> None:
        await self.subscriptions.insert_one(subscription)

    async def remove(self, subscription_id: str) -> bool:
        return (await self.subscriptions.delete_one({"_id": subscription_id})).deleted_count > 0

    async def list(self) -> list[dict[str, Any]]:
        return await self.subscriptions.find({}, PUBLIC).to_list(500)

    async def for_kind(self, kind: str) -> list[dict[str, Any]]:
        return await self.subscriptions.find({"kinds": kind}).to_list(500)

    async def get_subscription(self, subscription_id: str) -> dict[str, Any] | None:
        return await self.subscriptions.find_one({"_id": subscription_id})

    async def state(self, key: str) -> str | None:
        found = await self.deliveries.find_one({"_id": key}, {"state": 1})
        return found["state"] if found else None

    async def delivered(self, key: str, *, subscription_id: str, alert_id: str,
                        attempts: int, at: datetime) -> None:
        await self.deliveries.update_one({"_id": key}, {"$set": {
            "state": "delivered", "subscription_id": subscription_id, "alert_id": alert_id,
            "attempts": attempts, "delivered_at": at}}, upsert=True)

    async def dead(self, key: str, *, subscription_id: str, alert_id: str, body: str,
                   attempts: int, error: str, at: datetime) -> None:
        await self.deliveries.update_one({"_id": key}, {"$set": {
            "state": "dead", "subscription_id": subscription_id, "alert_id": alert_id,
            "body": body, "attempts": attempts, "error": error, "failed_at": at}}, upsert=True)

    async def dead_letters(self) -> list[dict[str, Any]]:
        cursor = self.deliveries.find({"state": "dead"}, {"body": 0})
        return await cursor.sort("failed_at", DESCENDING).limit(500).to_list(None)

    async def get_delivery(self, key: str) -> dict[str, Any] | None:
        return await self.deliveries.find_one({"_id": key})
