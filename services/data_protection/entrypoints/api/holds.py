"""Legal holds' API: set, lift (never delete) and list; the data protection officer's only."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends, Response, status
from fastapi.responses import JSONResponse

from shared.auth import Principal, allow
from shared.http import current_correlation_id

from ...application import holds
from ...application.deps import Deps
from ...domain.holds import HoldRefused, HoldRequest
from ..deps import get_deps
from ..roles import OFFICERS

router = APIRouter(prefix="/legal-holds", tags=["legal holds"])


def refused(error: HoldRefused) -> JSONResponse:
    return JSONResponse({"detail": str(error), "errors": error.errors}, status_code=error.status)


@router.post("", status_code=status.HTTP_201_CREATED)
async def set_legal_hold(body: HoldRequest, response: Response,
                         who: Principal = Depends(allow(*OFFICERS)),
                         deps: Deps = Depends(get_deps)) -> Any:
    try:
        document, published = await holds.set_hold(
            deps, body.model_dump(mode="json"), by=who.subject,
            correlation_id=current_correlation_id())
    except HoldRefused as error:
        return refused(error)
    if not published:
        response.status_code = status.HTTP_202_ACCEPTED
    return {**document, "published": published}


@router.post("/{hold_id}/lift")
async def lift_legal_hold(hold_id: str,
                          who: Principal = Depends(allow(*OFFICERS)),
                          deps: Deps = Depends(get_deps)) -> Any:
    try:
        return await holds.lift_hold(deps, hold_id, by=who.subject,
                                     correlation_id=current_correlation_id())
    except HoldRefused as error:
        return refused(error)


@router.get("")
async def list_legal_holds(_: Principal = Depends(allow(*OFFICERS)),
                           deps: Deps = Depends(get_deps)) -> list[dict[str, Any]]:
    """Every hold, newest first; those lifted say by whom and when."""
    return await holds.all_holds(deps)
