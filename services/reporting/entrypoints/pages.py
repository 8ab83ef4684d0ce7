"""Pages people read: home and the monthly briefing with server-rendered charts."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

from fastapi import APIRouter, Depends, Form, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse

from schemas.common import MONTH_PATTERN, Grade
from shared.auth import Principal, Role, allow
from shared.envelope import utc_now
from shared.web import page_templates

from ..adapters import charts
from ..domain.periods import quarter_of
from ..domain.tables import BRIEFING_TABLES
from .filters import Filters, filters, known_values
from .http import BRIEFING_READERS, briefing_for, signoff_note

router = APIRouter(include_in_schema=False)
templates = page_templates(Path(__file__).parents[1] / "templates")
EVERYONE = tuple(Role)
TREND_SERIES = {"good_or_better_percent": "Good or better (%)",
                "impact_good_or_better_percent": "Impact good or better (%)",
                "on_time_percent": "On time (%)"}


@router.get("/", response_class=HTMLResponse)
async def home(request: Request, who: Principal = Depends(allow(*EVERYONE))) -> HTMLResponse:
    can_read_briefing = who.has_any(frozenset(BRIEFING_READERS))
    return templates.TemplateResponse(request, "home.html", {
        "principal": who, "can_read_briefing": can_read_briefing,
        "can_read_clinic": can_read_briefing or who.has_any(frozenset({Role.TEAM_MANAGER})),
        "month": utc_now().strftime("%Y-%m"), "quarter": quarter_of(utc_now().strftime("%Y-%m"))})


@router.get("/briefing", response_class=HTMLResponse)
async def briefing_page(
    request: Request,
    month: Annotated[str | None, Query(pattern=MONTH_PATTERN.pattern)] = None,
    f: Filters = Depends(filters),
    who: Principal = Depends(allow(*BRIEFING_READERS)),
) -> HTMLResponse:
    month = month or utc_now().strftime("%Y-%m")
    b = await briefing_for(request, month, f)
    a = b["audits"]
    grade_rows = {"Overall": a["overall_grades"], "Impact": a["impact_grades"],
                  **{f"Standard {s}": c for s, c in a["by_standard"].items()}}
    pictures = {
        "grades": charts.grade_bars(grade_rows, title="Grades this month"),
        "trends": charts.trend_lines(b["trends"], TREND_SERIES, title="Six-month trends"),
        "volumes": charts.trend_lines(
            b["trends"], {"audits_completed": "Audits", "actions_raised": "Actions raised",
                          "complaints_received": "Complaints", "compliments": "Compliments"},
            title="Volumes by month"),
    }
    query = "&".join(f"{k}={v}" for k, v in
                     {"month": month, "team": f.team, "theme": f.theme}.items() if v)
    return templates.TemplateResponse(request, "briefing.html", {
        "principal": who, "month": month, "b": b, "grades": list(Grade), "f": f,
        "charts": pictures, "tables": {n: make(b) for n, make in BRIEFING_TABLES.items()},
        "query": query, "teams": sorted(await known_values(request, "team")),
        "themes": sorted(await known_values(request, "theme")),
        "signoff_note": signoff_note(b["signoff"]),
        "can_sign_off": who.has_any(frozenset({Role.HEAD_OF_QUALITY}))})


@router.post("/briefing/sign-off")
async def sign_off_form(
    request: Request,
    month: Annotated[str, Form(pattern=MONTH_PATTERN.pattern)],
    themes: Annotated[str, Form(max_length=5000)] = "",
    outstanding_practice: Annotated[str, Form(max_length=3000)] = "",
    commentary: Annotated[str, Form(max_length=20000)] = "",
    who: Principal = Depends(allow(Role.HEAD_OF_QUALITY)),
) -> RedirectResponse:
    """The form behind the page (works without JavaScript): one theme per line."""
    await request.app.state.deps.signoffs.sign_off(
        month, by=who.subject, commentary=commentary.strip(),
        themes=[t.strip() for t in themes.splitlines() if t.strip()][:20],
        outstanding_practice=[t.strip() for t in outstanding_practice.split(",")
                              if t.strip()][:20])
    return RedirectResponse(f"/briefing?month={month}&signed=1", status_code=303)
