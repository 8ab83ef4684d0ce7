"""Pages for the performance clinic pack, the complaints report and the impact report.

Filters are plain GET forms; a value the page cannot use is shown as a message on the page
(422) rather than a JSON error."""

from __future__ import annotations

from urllib.parse import urlencode

from fastapi import APIRouter, Depends, HTTPException, Request
from fastapi.responses import HTMLResponse

from schemas.common import MONTH_PATTERN
from shared.auth import Principal, allow
from shared.england_time import england_today

from ...application import reports
from ...domain.figures import GRADES
from ...domain.indicators import by_month
from ...domain.periods import months_back, quarter_months
from ...domain.report_tables import CLINIC_TABLES, COMPLAINTS_TABLES, IMPACT_TABLES
from ..api.packs import clinic_for
from ..deps import get_deps
from ..filters import filters, known_values
from ..formats import charts
from ..roles import BRIEFING_READERS, CLINIC_READERS
from .briefing import templates

router = APIRouter(include_in_schema=False)


def page(request: Request, name: str, context: dict, error: str | None) -> HTMLResponse:
    return templates.TemplateResponse(request, name, {**context, "error": error},
                                      status_code=422 if error else 200)


def refusal(error: HTTPException) -> str:
    return "; ".join(d["msg"] for d in error.detail) if isinstance(error.detail, list) \
        else str(error.detail)


@router.get("/clinic", response_class=HTMLResponse)
async def clinic_page(request: Request, team: str | None = None, to_month: str | None = None,
                      months: str = "3",
                      who: Principal = Depends(allow(*CLINIC_READERS))) -> HTMLResponse:
    team = team or who.team_id
    to_month = to_month or await reports.latest_month(get_deps(request), england_today())
    context = {"principal": who, "teams": sorted(await known_values(request, "team")),
               "team": team, "to_month": to_month, "months": 3, "p": None}
    if not MONTH_PATTERN.match(to_month):
        return page(request, "clinic.html", context,
                    f"Last month must be YYYY-MM, not {to_month!r}.")
    if months not in ("3", "4", "5", "6"):
        return page(request, "clinic.html", context, "Months must be 3, 4, 5 or 6.")
    context["months"] = int(months)
    if not team:
        return page(request, "clinic.html", context, None)
    try:
        p = await clinic_for(request, team, to_month, int(months), who.subject)
    except HTTPException as error:
        return page(request, "clinic.html", context, refusal(error))
    pictures = charts.clinic_charts(p, by_month(p["locality_indicators"], p["months"]))
    return page(request, "clinic.html", {
        **context, "p": p, "charts": pictures, "grade_names": GRADES,
        "tables": {n: make(p) for n, make in CLINIC_TABLES.items()},
        "base": "/reports/clinic-pack/tables",
        "query": urlencode({"team": team, "to_month": to_month, "months": months}),
        "drill_query": urlencode({"team": team, "from_month": p["months"][0],
                                  "month": to_month})}, None)


@router.get("/complaints", response_class=HTMLResponse)
async def complaints_page(request: Request, year: str | None = None, team: str | None = None,
                          theme: str | None = None,
                          who: Principal = Depends(allow(*BRIEFING_READERS))) -> HTMLResponse:
    year = year or (await reports.latest_month(get_deps(request), england_today()))[:4]
    context = {"principal": who, "teams": sorted(await known_values(request, "team")),
               "themes": sorted(await known_values(request, "theme")), "team": team,
               "theme": theme, "year": year, "c": None}
    if not (year.isdigit() and 2000 <= int(year) <= 9999):
        return page(request, "complaints.html", context, f"Year must be like 2026, not {year!r}.")
    try:
        f = await filters(request, team, theme)
    except HTTPException as error:
        return page(request, "complaints.html", context, refusal(error))
    c = await reports.complaints_report(get_deps(request), year=int(year),
                                        today=england_today(), team=f.team, theme=f.theme)
    quarters = {q: quarter_months(q) for q in c["quarters"]}
    pictures = charts.complaints_charts(c, year, list(quarters))
    team_query = f"team={f.team}&" if f.team else ""
    return page(request, "complaints.html", {
        **context, "c": c, "year": int(year), "charts": pictures, "quarter_months": quarters,
        "tables": {n: make(c) for n, make in COMPLAINTS_TABLES.items()},
        "base": "/reports/complaints/tables", "team_query": team_query,
        "query": urlencode({k: v for k, v in {"year": year, "team": f.team,
                                               "theme": f.theme}.items() if v}),
        "drill_query": f"{team_query}from_month={year}-01&month={year}-12",
        "drill_last_year": f"{team_query}from_month={int(year) - 1}-01&month={int(year) - 1}-12",
    }, None)


@router.get("/impact", response_class=HTMLResponse)
async def impact_page(request: Request, month: str | None = None, team: str | None = None,
                      who: Principal = Depends(allow(*BRIEFING_READERS))) -> HTMLResponse:
    month = month or await reports.latest_month(get_deps(request), england_today())
    context = {"principal": who, "teams": sorted(await known_values(request, "team")),
               "team": team, "month": month, "i": None}
    if not MONTH_PATTERN.match(month):
        return page(request, "impact.html", context, f"Month must be YYYY-MM, not {month!r}.")
    try:
        f = await filters(request, team)
    except HTTPException as error:
        return page(request, "impact.html", context, refusal(error))
    i = await reports.impact_report(get_deps(request), month=month, today=england_today(),
                                    team=f.team)
    pictures = charts.impact_charts(i)
    scope = {"team": f.team} if f.team else {}
    return page(request, "impact.html", {
        **context, "i": i, "charts": pictures,
        "tables": {n: make(i) for n, make in IMPACT_TABLES.items()},
        "base": "/reports/impact/tables", "query": urlencode({"month": month, **scope}),
        "drill_query": urlencode({**scope, "from_month": months_back(month, 12)[0],
                                  "month": month})}, None)


