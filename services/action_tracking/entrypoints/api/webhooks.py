"""Webhook subscriptions per alert kind, and the dead letters of deliveries that kept
failing (which can be retried)."""

from __future__ import annotations

from fastapi import APIRouter, Depends, HTTPException, status
from pydantic import BaseModel, Field, HttpUrl

from schemas.alert import AlertKind
from shared.auth import Principal, allow
from shared.http import found_or_404

from ...application import webhooks
from ...application.deps import Deps
from ...application.webhooks import RefusedAddress
from ..deps import get_deps
from ..roles import WEBHOOK_ADMINS as ADMINS
from .answers import field_error

router = APIRouter(prefix="/webhooks", tags=["webhooks"])


class Subscribe(BaseModel):
    url: HttpUrl
    kinds: list[AlertKind] = Field(min_length=1, description="Which kinds of alert to send")
    secret: str | None = Field(default=None, min_length=16, max_length=256,
                               description="Signs each body; generated when not given")


@router.post("/subscriptions", status_code=status.HTTP_201_CREATED)
async def subscribe(body: Subscribe, who: Principal = Depends(allow(*ADMINS)),
                    deps: Deps = Depends(get_deps)) -> dict:
    """The secret is shown once, in this answer; bodies carry `X-QA-Signature`."""
    try:
        return await webhooks.subscribe(deps, url=str(body.url), kinds=body.kinds,
                                        secret=body.secret, by=who.subject)
    except RefusedAddress as error:
        raise field_error("url", str(error)) from error


@router.get("/subscriptions")
async def subscriptions(_: Principal = Depends(allow(*ADMINS)),
                        deps: Deps = Depends(get_deps)) -> list:
    return await webhooks.subscriptions(deps)


@router.delete("/subscriptions/{subscription_id}", status_code=status.HTTP_204_NO_CONTENT)
async def unsubscribe(subscription_id: str, _: Principal = Depends(allow(*ADMINS)),
                      deps: Deps = Depends(get_deps)) -> None:
    if not await webhooks.unsubscribe(deps, subscription_id):
        raise HTTPException(status.HTTP_404_NOT_FOUND, detail=f"no subscription {subscription_id}")


@router.get("/dead-letters")
async def dead_letters(_: Principal = Depends(allow(*ADMINS)),
                       deps: Deps = Depends(get_deps)) -> list:
    return await webhooks.dead_letters(deps)


@router.post("/dead-letters/{delivery_id}/retry")
async def retry(delivery_id: str, _: Principal = Depends(allow(*ADMINS)),
                deps: Deps = Depends(get_deps)) -> dict:
    delivered = found_or_404(await webhooks.retry_dead(deps, delivery_id),
                             f"no dead letter {delivery_id}")
    return {"delivery_id": delivery_id, "delivered": delivered}
