"""HTTP intake of items and complaints from systems that push them, with a bearer token."""

from __future__ import annotations

from fastapi import APIRouter, Depends, HTTPException, Query, Request, Response, status

from shared.auth import Principal, Role, allow
from shared.http import PENDING_RESPONSE, current_correlation_id, found_or_404

from ...domain.complaints import ComplaintIn
from ...domain.items import FeedbackItemIn
from ...application.privacy import item_view

router = APIRouter(prefix="/feedback", tags=["feedback"])
READERS = (Role.HEAD_OF_QUALITY, Role.PRINCIPAL_SOCIAL_WORKER, Role.PRACTICE_LEARNING_TEAM,
           Role.PERFORMANCE_TEAM, Role.INTEGRATION, Role.ADMIN)


async def _accept(item, request: Request, response: Response) -> dict:
    receipt = await request.app.state.deps.intake.accept_counted(
        item, correlation_id=current_correlation_id())
    if not receipt.published:
        response.status_code = status.HTTP_202_ACCEPTED
    elif receipt.outcome != "accepted":
        response.status_code = status.HTTP_200_OK
    return receipt.public()


@router.post("/items", status_code=status.HTTP_201_CREATED, responses=PENDING_RESPONSE)
async def receive_item(
    item: FeedbackItemIn, request: Request, response: Response,
    _: Principal = Depends(allow(Role.INTEGRATION, Role.ADMIN)),
) -> dict[str, str | int | bool | None]:
    """201 for a new item, 200 for a duplicate or an update of one already received."""
    return await _accept(item, request, response)


@router.post("/complaints", status_code=status.HTTP_201_CREATED, responses=PENDING_RESPONSE)
async def receive_complaint(
    complaint: ComplaintIn, request: Request, response: Response,
    _: Principal = Depends(allow(Role.INTEGRATION, Role.ADMIN)),
) -> dict[str, str | int | bool | None]:
    """A complaint as now known: a later stage of the same source id is an update (200)."""
    return await _accept(complaint, request, response)


@router.get("/items")
async def list_items(
    request: Request, source: str | None = None, limit: int = Query(50, ge=1, le=500),
    who: Principal = Depends(allow(*READERS)),
) -> list[dict]:
    found = await request.app.state.deps.items.list(source=source, limit=limit)
    return [item_view(request, who, d) for d in found]


@router.get("/items/{item_id}")
async def get_item(
    item_id: str, request: Request, who: Principal = Depends(allow(*READERS)),
) -> dict:
    item = found_or_404(await request.app.state.deps.items.get(item_id), f"no feedback item {item_id}")
    return item_view(request, who, item)
