"""Page: reconciliation counts for the latest days, and the latest imports."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse

from shared.auth import Principal, allow
from shared.england_time import england_day

from ...application.deps import Deps
from ...application.imports import recent_imports
from ...application.reconciliation import recent_days
from ..deps import get_deps
from ..roles import COUNTERS
from .rendering import templates

router = APIRouter(include_in_schema=False)


@router.get("/reconciliation", response_class=HTMLResponse)
async def reconciliation_page(request: Request, deps: Deps = Depends(get_deps),
                              who: Principal = Depends(allow(*COUNTERS))) -> HTMLResponse:
    return templates.TemplateResponse(request, "reconciliation.html", {
        "principal": who, "days": await recent_days(deps),
        "imports": await recent_imports(deps), "today": england_day(deps.clock()).isoformat()})
