"""Pages of feedback to everyone (issue 13): the quarterly customer feedback summary (the
leadership team's and each team's) and the biannual staff briefing sheet, with the form on
which the head of quality publishes its lessons."""

from __future__ import annotations

from fastapi import APIRouter, Depends, HTTPException, Request
from fastapi.responses import HTMLResponse, RedirectResponse

from shared.auth import Principal, allow
from shared.england_time import england_today

from ...application import feedback_summary as summaries
from ...application import reports
from ...domain.feedback_summary import HALF_PATTERN, half_of, tables
from ...domain.periods import QUARTER_PATTERN, quarter_of
from ..api.feedback_summary import feedback_charts, team_in_scope
from ..deps import get_deps
from ..filters import known_values
from ..roles import BRIEFING_READERS, FEEDBACK_SUMMARY_READERS, LESSONS_AUTHORS
from ..roles import STAFF_BRIEFING_READERS
from .reports import page, refusal

router = APIRouter(include_in_schema=False)


@router.get("/feedback-summary", response_class=HTMLResponse)
async def feedback_summary_page(request: Request, quarter: str | None = None,
                                team: str | None = None,
                                who: Principal = Depends(allow(*FEEDBACK_SUMMARY_READERS))):
    quarter = quarter or quarter_of(await reports.latest_month(get_deps(request),
                                                               england_today()))
    leadership = who.has_any(frozenset(BRIEFING_READERS))
    context = {"principal": who, "quarter": quarter, "team": team, "s": None,
               "leadership": leadership,
               "teams": sorted(await known_values(request, "team")) if leadership else []}
    if not QUARTER_PATTERN.match(quarter):
        return page(request, "feedback_summary.html", context,
                    f"Quarter must be written like 2026-Q3 (Q1 to Q4), not {quarter!r}.")
    try:
        scoped = await team_in_scope(request, who, team or None)
    except HTTPException as error:
        if error.status_code == 403:
            raise
        return page(request, "feedback_summary.html", context, refusal(error))
    s = await summaries.quarterly(get_deps(request), quarter=quarter, team=scoped)
    return page(request, "feedback_summary.html", {
        **context, "s": s, "team": scoped, "tables": tables(s),
        "charts": feedback_charts(s, quarter),
        "query": f"quarter={quarter}" + (f"&team={scoped}" if scoped else "")}, None)


@router.get("/staff-briefing", response_class=HTMLResponse)
async def staff_briefing_page(request: Request, half: str | None = None,
                              who: Principal = Depends(allow(*STAFF_BRIEFING_READERS))):
    return await _sheet(request, who, half, values={}, errors={})


async def _sheet(request: Request, who: Principal, half: str | None, *,
                 values: dict[str, str], errors: dict[str, str]) -> HTMLResponse:
    half = half or half_of(await reports.latest_month(get_deps(request), england_today()))
    context = {"principal": who, "half": half, "b": None, "v": values, "errors": errors,
               "can_publish": who.has_any(frozenset(LESSONS_AUTHORS)),
               "done": request.query_params.get("done")}
    if not HALF_PATTERN.match(half):
        return page(request, "staff_briefing.html", context,
                    f"Half-year must be written like 2026-H2 (H1 January to June, H2 July to "
                    f"December), not {half!r}.")
    b = await summaries.briefing_sheet(get_deps(request), half=half)
    if not values and b["lessons"]:
        values["lessons"] = "\n".join(b["lessons"]["lessons"])
    response = page(request, "staff_briefing.html", {
        **context, "b": b, "tables": tables(b), "charts": feedback_charts(b, half)}, None)
    if errors:
        response.status_code = 422
    return response


@router.post("/staff-briefing/{half}/lessons", response_class=HTMLResponse)
async def publish_lessons(request: Request, half: str,
                          who: Principal = Depends(allow(*LESSONS_AUTHORS))):
    form = {k: str(v) for k, v in (await request.form()).items()}
    lessons = [line.strip() for line in form.get("lessons", "").splitlines() if line.strip()]
    if not HALF_PATTERN.match(half):
        return await _sheet(request, who, half, values=form, errors={})
    if not lessons:
        return await _sheet(request, who, half, values=form, errors={
            "lessons": "Write at least one lesson, one per line"})
    if any(len(lesson) > 1000 for lesson in lessons):
        return await _sheet(request, who, half, values=form, errors={
            "lessons": "Keep each lesson to 1,000 characters or fewer"})
    try:
        await summaries.publish_lessons(get_deps(request), half=half, lessons=lessons,
                                        by=who.subject)
    except summaries.LessonsRefused as refused:
        lines = ", ".join(str(int(k.split(".")[1]) + 1) for k in refused.problems)
        return await _sheet(request, who, half, values=form, errors={
            "lessons": f"Line {lines} looks like personal data (an email, case or phone "
                       "number): describe the lesson without it"})
    return RedirectResponse(f"/staff-briefing?half={half}&done=published", 303)
