"""Pages people read: home and the monthly briefing with server-rendered charts."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated
from urllib.parse import urlencode

from fastapi import APIRouter, Depends, Form, HTTPException, Request
from fastapi.responses import HTMLResponse, RedirectResponse

from schemas.common import MONTH_PATTERN, Grade
from shared.auth import Principal, Role, allow
from shared.england_time import england_today
from shared.web import page_templates

from ...application import reports, signoffs
from ...application.deps import Deps
from ...domain.periods import QUARTER_PATTERN, quarter_of
from ...domain.tables import BRIEFING_TABLES
from ..api.briefing import briefing_for, signoff_note
from ..deps import get_deps
from ..filters import Filters, filters, known_values
from ..formats import charts
from ..roles import BRIEFING_READERS, COMPETENCY_READERS, EVERYONE, OWN_RECORD_READERS, SIGNERS
from ..roles import STAFF_BRIEFING_READERS, TEAM_MEMBERS

router = APIRouter(include_in_schema=False)
templates = page_templates(Path(__file__).parents[2] / "templates")


@router.get("/", response_class=HTMLResponse)
async def home(request: Request, who: Principal = Depends(allow(*EVERYONE)),
               deps: Deps = Depends(get_deps)) -> HTMLResponse:
    can_read_briefing = who.has_any(frozenset(BRIEFING_READERS))
    month = await reports.latest_month(deps, england_today())
    return templates.TemplateResponse(request, "home.html", {
        "principal": who, "can_read_briefing": can_read_briefing,
        "can_read_clinic": can_read_briefing or who.has_any(frozenset({Role.TEAM_MANAGER})),
        "can_read_auditors": who.has_any(frozenset(COMPETENCY_READERS)),
        "can_read_own_record": who.has_any(frozenset(OWN_RECORD_READERS)),
        # A team's members read their own team's feedback summary: their sign-in names it.
        "can_read_feedback_summary": can_read_briefing or bool(
            who.team_id and who.has_any(frozenset(TEAM_MEMBERS))),
        "can_read_staff_briefing": who.has_any(frozenset(STAFF_BRIEFING_READERS)),
        "month": month, "quarter": quarter_of(month)})


def period_problem(month: str | None, quarter: str | None) -> str | None:
    if quarter and not QUARTER_PATTERN.match(quarter):
        return f"Quarter must be written like 2026-Q3 (Q1 to Q4), not {quarter!r}."
    if not quarter and month and not MONTH_PATTERN.match(month):
        return f"Month must be written YYYY-MM, like 2026-11, not {month!r}."
    return None


@router.get("/briefing", response_class=HTMLResponse)
async def briefing_page(
    request: Request, month: str | None = None, quarter: str | None = None,
    team: str | None = None, theme: str | None = None,
    who: Principal = Depends(allow(*BRIEFING_READERS)),
) -> HTMLResponse:
    """A month, or a quarter's three months summed (a quarter, when given, wins: one form
    carries both fields)."""
    quarter = (quarter or "").strip() or None
    if not quarter and not month:  # open on the latest month that has something to show
        month = await reports.latest_month(get_deps(request), england_today())
    month = None if quarter else month
    context = {"principal": who, "month": month, "quarter": quarter, "grades": list(Grade),
               "teams": sorted(await known_values(request, "team")),
               "themes": sorted(await known_values(request, "theme")),
               "f": Filters(team=team, theme=theme), "b": None}
    error = period_problem(month, quarter)
    if not error:
        try:
            f = await filters(request, team, theme)
        except HTTPException as refused:
            error = "; ".join(d["msg"] for d in refused.detail)
    if error:
        return templates.TemplateResponse(request, "briefing.html", {**context, "error": error},
                                          status_code=422)
    period = quarter or month
    b = await briefing_for(get_deps(request), period, f)
    pictures = charts.briefing_charts(b, period)
    scope = {k: v for k, v in {"team": f.team, "theme": f.theme}.items() if v}
    period_query = {"quarter": quarter} if quarter else {"month": month}
    return templates.TemplateResponse(request, "briefing.html", {
        **context, "b": b, "f": f, "period": period, "error": None,
        "charts": pictures, "tables": {n: make(b) for n, make in BRIEFING_TABLES.items()},
        "query": urlencode({**period_query, **scope}),
        "drill_query": urlencode({**({"team": f.team} if f.team else {}),
                                  "from_month": b["months"][0], "month": b["months"][-1]}),
        "signoff_note": signoff_note(b["signoff"], quarter),
        "can_sign_off": not quarter and who.has_any(frozenset(SIGNERS))})


@router.post("/briefing/sign-off")
async def sign_off_form(
    request: Request,
    month: Annotated[str, Form(pattern=MONTH_PATTERN.pattern)],
    themes: Annotated[str, Form(max_length=5000)] = "",
    outstanding_practice: Annotated[str, Form(max_length=3000)] = "",
    commentary: Annotated[str, Form(max_length=20000)] = "",
    who: Principal = Depends(allow(*SIGNERS)), deps: Deps = Depends(get_deps),
) -> RedirectResponse:
    """The form behind the page (works without JavaScript): one theme per line."""
    await signoffs.sign_off(
        deps, month, by=who.subject, commentary=commentary.strip(),
        themes=[t.strip() for t in themes.splitlines() if t.strip()][:20],
        outstanding_practice=[t.strip() for t in outstanding_practice.split(",")
                              if t.strip()][:20])
    return RedirectResponse(f"/briefing?month={month}&signed=1", status_code=303)
