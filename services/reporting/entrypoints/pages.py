"""Pages people read: home and the monthly briefing (server-rendered)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import HTMLResponse

from schemas.common import MONTH_PATTERN, Grade
from shared.auth import Principal, Role, allow
from shared.envelope import utc_now
from shared.web import page_templates

from ..adapters.briefing import monthly_briefing
from .http import BRIEFING_READERS

router = APIRouter(include_in_schema=False)
templates = page_templates(Path(__file__).parents[1] / "templates")
EVERYONE = tuple(Role)


@router.get("/", response_class=HTMLResponse)
async def home(request: Request, who: Principal = Depends(allow(*EVERYONE))) -> HTMLResponse:
    can_read_briefing = who.has_any(frozenset(BRIEFING_READERS))
    return templates.TemplateResponse(request, "home.html", {
        "principal": who, "can_read_briefing": can_read_briefing,
        "month": utc_now().strftime("%Y-%m")})


@router.get("/briefing", response_class=HTMLResponse)
async def briefing_page(
    request: Request,
    month: Annotated[str | None, Query(pattern=MONTH_PATTERN.pattern)] = None,
    who: Principal = Depends(allow(*BRIEFING_READERS)),
) -> HTMLResponse:
    month = month or utc_now().strftime("%Y-%m")
    figures = await monthly_briefing(request.app.state.deps.facts, month=month,
                                     today=utc_now().date())
    return templates.TemplateResponse(request, "briefing.html", {
        "principal": who, "month": month, "b": figures, "grades": list(Grade)})
