"""HTTP intake of items and complaints from systems that push them, with a bearer token;
and reading them back."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Query, Response, status

from shared.auth import Principal, allow
from shared.http import PENDING_RESPONSE, current_correlation_id, found_or_404
from shared.personal_data.access_log import Reads, records_reads

from ...application.deps import Deps
from ...application.intake import receive_checked
from ...application.items import item, latest_items
from ...domain.complaints import ComplaintIn
from ...domain.items import FeedbackItemIn
from ..deps import get_deps
from ..roles import PUSHERS, READERS

router = APIRouter(prefix="/feedback", tags=["feedback"])


async def _accept(deps: Deps, checked: FeedbackItemIn | ComplaintIn,
                  response: Response) -> dict:
    receipt = await receive_checked(deps, checked, correlation_id=current_correlation_id())
    if not receipt.published:
        response.status_code = status.HTTP_202_ACCEPTED
    elif receipt.outcome != "accepted":
        response.status_code = status.HTTP_200_OK
    return receipt.public()


@router.post("/items", status_code=status.HTTP_201_CREATED, responses=PENDING_RESPONSE)
async def receive_item(
    item: FeedbackItemIn, response: Response, deps: Deps = Depends(get_deps),
    _: Principal = Depends(allow(*PUSHERS)),
) -> dict[str, str | int | bool | None]:
    """201 for a new item, 200 for a duplicate or an update of one already received."""
    return await _accept(deps, item, response)


@router.post("/complaints", status_code=status.HTTP_201_CREATED, responses=PENDING_RESPONSE)
async def receive_complaint(
    complaint: ComplaintIn, response: Response, deps: Deps = Depends(get_deps),
    _: Principal = Depends(allow(*PUSHERS)),
) -> dict[str, str | int | bool | None]:
    """A complaint as now known: a later stage of the same source id is an update (200)."""
    return await _accept(deps, complaint, response)


@router.get("/items")
async def list_items(
    source: str | None = None, limit: int = Query(50, ge=1, le=500),
    deps: Deps = Depends(get_deps), who: Principal = Depends(allow(*READERS)),
    reads: Reads = Depends(records_reads),
) -> list[dict]:
    found = await latest_items(deps, who, source=source, limit=limit)
    await reads.children(who, [(i.get("case_ref"), str(i.get("_id"))) for i in found])
    return found


@router.get("/items/{item_id}")
async def get_item(
    item_id: str, deps: Deps = Depends(get_deps), who: Principal = Depends(allow(*READERS)),
    reads: Reads = Depends(records_reads),
) -> dict:
    found = found_or_404(await item(deps, who, item_id), f"no feedback item {item_id}")
    await reads.child(who, found.get("case_ref"), record_id=item_id)
    return found
