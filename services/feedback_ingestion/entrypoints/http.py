"""HTTP intake of feedback items from systems that push them."""

from __future__ import annotations

from fastapi import APIRouter, Depends, HTTPException, Request, Response, status

from shared.auth import Principal, Role, allow
from shared.envelope import utc_now
from shared.http import PENDING_RESPONSE, current_correlation_id

from ..domain.items import FeedbackItemIn, decide

router = APIRouter(prefix="/feedback", tags=["feedback"])


@router.post("/items", status_code=status.HTTP_201_CREATED, responses=PENDING_RESPONSE)
async def receive_item(
    item: FeedbackItemIn, request: Request, response: Response,
    _: Principal = Depends(allow(Role.INTEGRATION, Role.ADMIN)),
) -> dict[str, str | int | bool]:
    """201 for a new item, 200 for a duplicate or an update of one already received."""
    deps = request.app.state.deps
    stored = await deps.items.get(item.item_id())
    decision = decide(item, stored=stored, now=utc_now())
    published = True
    if decision.outcome != "duplicate":
        correlation = current_correlation_id()
        events = [(fact, deps.publisher.envelope(fact, correlation_id=correlation))
                  for fact in decision.facts]
        published = await deps.items.save(item, revision=decision.revision, stored=stored,
                                          events=events)
    if not published:
        response.status_code = status.HTTP_202_ACCEPTED
    elif decision.outcome != "accepted":
        response.status_code = status.HTTP_200_OK
    return {"item_id": item.item_id(), "outcome": decision.outcome,
            "revision": decision.revision, "published": published}


@router.get("/items/{item_id}")
async def get_item(
    item_id: str, request: Request,
    _: Principal = Depends(allow(Role.HEAD_OF_QUALITY, Role.INTEGRATION, Role.ADMIN)),
) -> dict:
    item = await request.app.state.deps.items.get(item_id)
    if item is None:
        raise HTTPException(status.HTTP_404_NOT_FOUND, detail=f"no feedback item {item_id}")
    return item
