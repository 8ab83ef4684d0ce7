"""Feedback to everyone (issue 13): the quarterly customer feedback summary (JSON, PDF) and
the biannual staff briefing sheet (JSON, PDF) with the head of quality's lessons."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Body, Depends, HTTPException, Path, Query, Request, Response
from pydantic import BaseModel, Field

from shared.auth import Principal, allow

from ...application import feedback_summary as summaries
from ...application.deps import Deps
from ...domain.feedback_summary import HALF_PATTERN, tables
from ..deps import get_deps
from ..filters import QuarterQuery, is_known, unknown
from ..formats import charts, files
from ..formats.downloads import attachment
from ..roles import BRIEFING_READERS, FEEDBACK_SUMMARY_READERS, LESSONS_AUTHORS
from ..roles import STAFF_BRIEFING_READERS

router = APIRouter(prefix="/reports", tags=["feedback to everyone"])
HalfQuery = Annotated[str, Query(pattern=HALF_PATTERN.pattern, examples=["2026-H2"])]


async def team_in_scope(request: Request, who: Principal, team: str | None) -> str | None:
    """The leadership team reads the whole service or any team; a team's members read their
    own team's summary (their token's team), told why otherwise."""
    if not who.has_any(frozenset(BRIEFING_READERS)):
        if not who.team_id:
            raise HTTPException(403, "a team's members read their own team's summary, and "
                                     "your sign-in names no team")
        if team and team != who.team_id:
            raise HTTPException(403, "a team's members read their own team's summary; the "
                                     "whole service's and other teams' are the leadership team's")
        team = who.team_id
    if team and not await is_known(request, "team", team):
        raise unknown("team", team)
    return team


async def summary_for(request: Request, deps: Deps, who: Principal, quarter: str,
                      team: str | None) -> dict[str, Any]:
    return await summaries.quarterly(deps, quarter=quarter,
                                     team=await team_in_scope(request, who, team))


@router.get("/feedback-summary")
async def feedback_summary(request: Request, quarter: QuarterQuery, team: str | None = None,
                           who: Principal = Depends(allow(*FEEDBACK_SUMMARY_READERS)),
                           deps: Deps = Depends(get_deps)) -> dict:
    """The quarter's customer feedback: ratings, themes, compliments, complaints by stage and
    outcome; the whole service's with each team beside it, or one team's. No names, no case
    references, no free text."""
    return await summary_for(request, deps, who, quarter, team)


def feedback_charts(s: dict[str, Any], period: str) -> dict[str, str | None]:
    outcomes = s["complaints"]["outcomes_by_stage"]
    stages = ["Stage 1", "Stage 2", "Stage 3"]
    return {"ratings": charts.bars({f"{n} of 5": v for n, v in s["ratings"]["by_rating"].items()},
                                   title=f"Customer feedback ratings, {period}"),
            "outcomes": charts.stacked_bars(stages, {
                label: [outcomes[str(n)][key] for n in (1, 2, 3)]
                for key, label in (("upheld", "Upheld"), ("partly_upheld", "Partly upheld"),
                                   ("not_upheld", "Not upheld"))},
                title=f"Complaint responses by stage and outcome, {period}",
                colours=("#cf222e", "#d4a72c", "#1a7f37"))}


def summary_pdf(title: str, s: dict[str, Any], period: str, notes: list[str]) -> bytes:
    return files.to_pdf(title, [heading_table for heading_table in tables(s).values()],
                        notes=notes, charts=feedback_charts(s, period))


def summary_title(s: dict[str, Any]) -> str:
    whose = s["team_name"] if s["team"] else "the whole service"
    return f"Customer feedback summary, {s['quarter']}: {whose}"


@router.get("/feedback-summary.pdf")
async def feedback_summary_pdf(request: Request, quarter: QuarterQuery, team: str | None = None,
                               who: Principal = Depends(allow(*FEEDBACK_SUMMARY_READERS)),
                               deps: Deps = Depends(get_deps)) -> Response:
    s = await summary_for(request, deps, who, quarter, team)
    pdf = summary_pdf(summary_title(s), s, quarter, [])
    return Response(pdf, media_type=files.PDF_TYPE,
                    headers=attachment(f"feedback-summary-{quarter}.pdf"))


@router.get("/staff-briefing")
async def staff_briefing(half: HalfQuery,
                         _: Principal = Depends(allow(*STAFF_BRIEFING_READERS)),
                         deps: Deps = Depends(get_deps)) -> dict:
    """The biannual briefing sheet for all staff: the half-year's complaints, compliments and
    feedback (counts, ratings, themes) and the lessons the head of quality published."""
    return await summaries.briefing_sheet(deps, half=half)


def lessons_notes(sheet: dict[str, Any]) -> list[str]:
    lessons = sheet["lessons"]
    if not lessons:
        return ["The lessons for this half-year are not yet published."]
    return ["Lessons we have learned:", *[f"- {lesson}" for lesson in lessons["lessons"]]]


@router.get("/staff-briefing.pdf")
async def staff_briefing_pdf(half: HalfQuery,
                             _: Principal = Depends(allow(*STAFF_BRIEFING_READERS)),
                             deps: Deps = Depends(get_deps)) -> Response:
    sheet = await summaries.briefing_sheet(deps, half=half)
    pdf = summary_pdf(f"Staff briefing sheet, {half}: complaints, compliments and feedback",
                      sheet, half, lessons_notes(sheet))
    return Response(pdf, media_type=files.PDF_TYPE, headers=attachment(f"staff-briefing-{half}.pdf"))


class Lessons(BaseModel):
    lessons: list[Annotated[str, Field(min_length=1, max_length=1000)]] = Field(
        min_length=1, max_length=20, description="Each lesson, without names or references")


@router.post("/staff-briefing/{half}/lessons", status_code=201)
async def publish_lessons(response: Response,
                          half: Annotated[str, Path(pattern=HALF_PATTERN.pattern,
                                                    examples=["2026-H2"])],
                          body: Annotated[Lessons, Body()],
                          who: Principal = Depends(allow(*LESSONS_AUTHORS)),
                          deps: Deps = Depends(get_deps)) -> dict:
    """The head of quality publishes the half-year's lessons (event staff_briefing.published;
    again: a new revision). 422 naming each lesson that looks like personal data."""
    try:
        result = await summaries.publish_lessons(deps, half=half, lessons=body.lessons,
                                                 by=who.subject)
    except summaries.LessonsRefused as refused:
        raise HTTPException(422, [{"loc": ["body", *(int(p) if p.isdigit() else p for p in field.split("."))], "type": "value_error",
                                   "msg": message}
                                  for field, message in refused.problems.items()]) from refused
    if not result["published"]:
        response.status_code = 202
    return result
