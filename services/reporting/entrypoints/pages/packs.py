"""Pages for the QA Forum pack and the coverage grid."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse

from shared.auth import Principal, allow
from shared.england_time import england_today

from ...application import reports
from ...application.deps import Deps
from ...domain.tables import forum_tables
from ..deps import get_deps
from ..filters import Filters, QuarterQuery, filters
from ..formats import charts
from ..roles import FORUM_PACK_READERS, FORUM_READERS
from .briefing import templates

router = APIRouter(include_in_schema=False)


@router.get("/forum", response_class=HTMLResponse)
async def forum_page(request: Request, quarter: QuarterQuery, f: Filters = Depends(filters),
                     who: Principal = Depends(allow(*FORUM_PACK_READERS)),
                     deps: Deps = Depends(get_deps)) -> HTMLResponse:
    body = await reports.forum_pack(deps, quarter=quarter, today=england_today(),
                                    team=f.team, theme=f.theme)
    pictures = charts.forum_charts(body, quarter)
    tables = forum_tables(body)
    return templates.TemplateResponse(request, "forum.html", {
        "principal": who, "quarter": quarter, "p": body, "charts": pictures, "tables": tables})


@router.get("/coverage", response_class=HTMLResponse)
async def coverage_page(request: Request, f: Filters = Depends(filters),
                        who: Principal = Depends(allow(*FORUM_READERS)),
                        deps: Deps = Depends(get_deps)) -> HTMLResponse:
    body = await reports.coverage_report(deps, today=england_today(), team=f.team)
    return templates.TemplateResponse(request, "coverage.html", {
        "principal": who, "c": body, "f": f})
