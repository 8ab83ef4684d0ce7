"""Delivering alerts to subscribed systems: signed bodies (shared/signatures.py), retries
with exponential back-off (tenacity), and a dead letter when the attempts run out. The
`X-QA-Delivery` header is stable per subscription and alert, so receivers can deduplicate."""

from __future__ import annotations

import logging
from typing import Any

import httpx
from tenacity import (AsyncRetrying, RetryError, retry_if_exception_type, stop_after_attempt,
                      wait_exponential)

from schemas.alert import AlertRaised
from shared.envelope import Envelope, utc_now
from shared.signatures import HEADER, sign

from ..adapters.webhooks import WebhookStore, delivery_id

log = logging.getLogger(__name__)


class DeliveryFailed(Exception):
    """The receiver did not accept the delivery (status or connection error)."""


class WebhookSender:
    def __init__(self, webhooks: WebhookStore, client: httpx.AsyncClient, *, attempts: int,
                 backoff: float, max_backoff: float) -> None:
        self.webhooks = webhooks
        self.client = client
        self.attempts = attempts
        self.backoff = backoff
        self.max_backoff = max_backoff

    async def on_alert(self, event: AlertRaised, envelope: Envelope) -> None:
        body = envelope.model_dump_json()
        for subscription in await self.webhooks.for_kind(event.kind):
            key = delivery_id(subscription["_id"], event.alert_id)
            if await self.webhooks.state(key) is None:  # already delivered or dead: no repeat
                await self.deliver(subscription, key, event.alert_id, body)

    async def deliver(self, subscription: dict[str, Any], key: str, alert_id: str,
                      body: str) -> bool:
        attempts = 0
        try:
            async for attempt in AsyncRetrying(
                retry=retry_if_exception_type(DeliveryFailed),
                wait=wait_exponential(multiplier=self.backoff, max=self.max_backoff),
                stop=stop_after_attempt(self.attempts),
            ):
                with attempt:
                    attempts += 1
                    await self._post(subscription, key, body)
        except RetryError as error:
            reason = str(error.last_attempt.exception())
            await self.webhooks.dead(key, subscription_id=subscription["_id"], alert_id=alert_id,
                                     body=body, attempts=attempts, error=reason, at=utc_now())
            log.warning("webhook delivery dead-lettered", extra={"attempts": attempts})
            return False
        await self.webhooks.delivered(key, subscription_id=subscription["_id"],
                                      alert_id=alert_id, attempts=attempts, at=utc_now())
        return True

    async def _post(self, subscription: dict[str, Any], key: str, body: str) -> None:
        raw = body.encode()
        headers = {"Content-Type": "application/json", "X-QA-Delivery": key,
                   HEADER: sign(raw, subscription["secret"])}
        try:
            response = await self.client.post(subscription["url"], content=raw, headers=headers)
        except httpx.HTTPError as error:
            raise DeliveryFailed(f"could not connect ({type(error).__name__})") from error
        if response.status_code >= 300:
            raise DeliveryFailed(f"receiver answered {response.status_code}")

    async def retry_dead(self, key: str) -> bool | None:
        """Try a dead delivery again (same retries); None if there is no such dead letter."""
        letter = await self.webhooks.get_delivery(key)
        if not letter or letter.get("state") != "dead":
            return None
        subscription = await self.webhooks.get_subscription(letter["subscription_id"])
        if subscription is None:
            return None
        return await self.deliver(subscription, key, letter["alert_id"], letter["body"])
