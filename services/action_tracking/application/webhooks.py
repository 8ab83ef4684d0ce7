"""Webhooks: subscriptions per alert kind, and delivering alerts to them: signed bodies (shared/signatures.py), retries
with exponential back-off (tenacity), and a dead letter when the attempts run out. The
`X-QA-Delivery` header is stable per subscription and alert, so receivers can deduplicate."""

from __future__ import annotations

import logging
import secrets
import uuid
from collections.abc import Iterable
from typing import Any
from urllib.parse import urlsplit

import httpx
from tenacity import (AsyncRetrying, RetryError, retry_if_exception_type, stop_after_attempt,
                      wait_exponential)

from schemas.alert import AlertRaised
from shared.envelope import Envelope, utc_now
from shared.signatures import HEADER, sign

from ..adapters.webhooks import delivery_id
from ..domain.webhooks import address_problem
from .deps import Deps

log = logging.getLogger(__name__)


class DeliveryFailed(Exception):
    """The receiver did not accept the delivery (status or connection error)."""


class RefusedAddress(ValueError):
    """422 on url: an address alerts may not be sent to (domain/webhooks.py)."""


async def subscribe(deps: Deps, *, url: str, kinds: Iterable[str],
                    secret: str | None, by: str) -> dict[str, Any]:
    """A new subscription; its secret (generated when not given) is shown once, here."""
    problem = address_problem(urlsplit(url).scheme, deps.settings.environment)
    if problem:
        raise RefusedAddress(problem)
    subscription = {"_id": str(uuid.uuid4()), "url": url, "kinds": sorted(set(kinds)),
                    "secret": secret or secrets.token_urlsafe(32), "created_by": by}
    await deps.webhooks.add(subscription)
    return subscription


async def subscriptions(deps: Deps) -> list[dict[str, Any]]:
    """Every subscription, without its secret."""
    return await deps.webhooks.list()


async def unsubscribe(deps: Deps, subscription_id: str) -> bool:
    return await deps.webhooks.remove(subscription_id)


async def dead_letters(deps: Deps) -> list[dict[str, Any]]:
    return await deps.webhooks.dead_letters()


async def on_alert(deps: Deps, event: AlertRaised, envelope: Envelope) -> None:
    body = envelope.model_dump_json()
    for subscription in await deps.webhooks.for_kind(event.kind):
        key = delivery_id(subscription["_id"], event.alert_id)
        if await deps.webhooks.state(key) is None:  # already delivered or dead: no repeat
            await deliver(deps, subscription, key, event.alert_id, body)


async def deliver(deps: Deps, subscription: dict[str, Any], key: str, alert_id: str,
                  body: str) -> bool:
    attempts, settings = 0, deps.settings
    try:
        async for attempt in AsyncRetrying(
            retry=retry_if_exception_type(DeliveryFailed),
            wait=wait_exponential(multiplier=settings.webhook_backoff_seconds,
                                  max=settings.webhook_max_backoff_seconds),
            stop=stop_after_attempt(settings.webhook_attempts),
        ):
            with attempt:
                attempts += 1
                await _post(deps, subscription, key, body)
    except RetryError as error:
        reason = str(error.last_attempt.exception())
        await deps.webhooks.dead(key, subscription_id=subscription["_id"], alert_id=alert_id,
                                 body=body, attempts=attempts, error=reason, at=utc_now())
        log.warning("webhook delivery dead-lettered", extra={"attempts": attempts})
        return False
    await deps.webhooks.delivered(key, subscription_id=subscription["_id"],
                                  alert_id=alert_id, attempts=attempts, at=utc_now())
    return True


async def _post(deps: Deps, subscription: dict[str, Any], key: str, body: str) -> None:
    raw = body.encode()
    headers = {"Content-Type": "application/json", "X-QA-Delivery": key,
               HEADER: sign(raw, subscription["secret"])}
    try:
        response = await deps.webhook_client.post(subscription["url"], content=raw,
                                                  headers=headers)
    except httpx.HTTPError as error:
        raise DeliveryFailed(f"could not connect ({type(error).__name__})") from error
    if response.status_code >= 300:
        raise DeliveryFailed(f"receiver answered {response.status_code}")


async def retry_dead(deps: Deps, key: str) -> bool | None:
    """Try a dead delivery again (same retries); None if there is no such dead letter."""
    letter = await deps.webhooks.get_delivery(key)
    if not letter or letter.get("state") != "dead":
        return None
    subscription = await deps.webhooks.get_subscription(letter["subscription_id"])
    if subscription is None:
        return None
    return await deliver(deps, subscription, key, letter["alert_id"], letter["body"])
