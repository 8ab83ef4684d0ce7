"""Pages for the QA Forum pack and the coverage grid."""

from __future__ import annotations


from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse

from shared.auth import Principal, allow
from shared.envelope import utc_now

from ..adapters import charts, packs
from ..domain.periods import quarter_months
from ..domain.tables import BRIEFING_TABLES
from .filters import Filters, QuarterQuery, filters
from .packs import FORUM_READERS
from .pages import TREND_SERIES, templates

router = APIRouter(include_in_schema=False)


@router.get("/forum", response_class=HTMLResponse)
async def forum_page(request: Request, quarter: QuarterQuery, f: Filters = Depends(filters),
                     who: Principal = Depends(allow(*FORUM_READERS))) -> HTMLResponse:
    body = await packs.forum_pack(request.app.state.deps.facts, quarter=quarter,
                                  months=quarter_months(quarter), today=utc_now().date(),
                                  team=f.team, theme=f.theme)
    a = body["audits"]
    grade_rows = {"Overall": a["overall_grades"], "Impact": a["impact_grades"],
                  **{f"Standard {s}": c for s, c in a["by_standard"].items()}}
    pictures = [charts.grade_bars(grade_rows, title=f"Grades, {quarter}"),
                charts.trend_lines(body["trends"], TREND_SERIES, title="Month by month")]
    shaped = {**body, "actions": {**body["actions"], "overdue": None, "due": None}}
    tables = {n: BRIEFING_TABLES[n](shaped)
              for n in ("audits", "complaints", "feedback", "observations", "trends")}
    return templates.TemplateResponse(request, "forum.html", {
        "principal": who, "quarter": quarter, "p": body, "charts": pictures, "tables": tables})


@router.get("/coverage", response_class=HTMLResponse)
async def coverage_page(request: Request, f: Filters = Depends(filters),
                        who: Principal = Depends(allow(*FORUM_READERS))) -> HTMLResponse:
    body = await packs.coverage_report(request.app.state.deps.facts, today=utc_now().date(),
                                       team=f.team)
    return templates.TemplateResponse(request, "coverage.html", {
        "principal": who, "c": body, "f": f})
