"""Webhook subscriptions per alert kind, and the dead letters of deliveries that kept
failing (which can be retried)."""

from __future__ import annotations

import secrets
import uuid

from fastapi import APIRouter, Depends, HTTPException, Request, status
from pydantic import BaseModel, Field, HttpUrl

from schemas.alert import AlertKind
from shared.http import found_or_404
from shared.auth import Principal, Role, allow

from ...domain.webhooks import address_problem
from .actions import field_error

router = APIRouter(prefix="/webhooks", tags=["webhooks"])
ADMINS = (Role.ADMIN, Role.INTEGRATION, Role.HEAD_OF_QUALITY)


class Subscribe(BaseModel):
    url: HttpUrl
    kinds: list[AlertKind] = Field(min_length=1, description="Which kinds of alert to send")
    secret: str | None = Field(default=None, min_length=16, max_length=256,
                               description="Signs each body; generated when not given")


@router.post("/subscriptions", status_code=status.HTTP_201_CREATED)
async def subscribe(body: Subscribe, request: Request,
                    who: Principal = Depends(allow(*ADMINS))) -> dict:
    """The secret is shown once, in this answer; bodies carry `X-QA-Signature`."""
    settings = request.app.state.runtime.settings
    problem = address_problem(body.url.scheme, settings.environment)
    if problem:
        raise field_error("url", problem)
    subscription = {"_id": str(uuid.uuid4()), "url": str(body.url),
                    "kinds": sorted(set(body.kinds)),
                    "secret": body.secret or secrets.token_urlsafe(32), "created_by": who.subject}
    await request.app.state.deps.webhooks.add(subscription)
    return subscription


@router.get("/subscriptions")
async def subscriptions(request: Request, _: Principal = Depends(allow(*ADMINS))) -> list:
    return await request.app.state.deps.webhooks.list()


@router.delete("/subscriptions/{subscription_id}", status_code=status.HTTP_204_NO_CONTENT)
async def unsubscribe(subscription_id: str, request: Request,
                      _: Principal = Depends(allow(*ADMINS))) -> None:
    if not await request.app.state.deps.webhooks.remove(subscription_id):
        raise HTTPException(status.HTTP_404_NOT_FOUND, detail=f"no subscription {subscription_id}")


@router.get("/dead-letters")
async def dead_letters(request: Request, _: Principal = Depends(allow(*ADMINS))) -> list:
    return await request.app.state.deps.webhooks.dead_letters()


@router.post("/dead-letters/{delivery_id}/retry")
async def retry(delivery_id: str, request: Request,
                _: Principal = Depends(allow(*ADMINS))) -> dict:
    delivered = found_or_404(await request.app.state.deps.webhook_sender.retry_dead(delivery_id), f"no dead letter {delivery_id}")
    return {"delivery_id": delivery_id, "delivered": delivered}
