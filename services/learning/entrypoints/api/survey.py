"""HTTP API for the annual staff survey: its questions (head of quality, practice learning
team), an anonymous answer (all staff, once each: 409), the results beside the year
before's (head of quality, director, practice learning team)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Path, Response, status

from shared.auth import Principal, allow
from shared.http import found_or_404

from ...application import survey
from ...application.deps import Deps
from ...domain.survey import AnswerSurvey, SetQuestions
from ..deps import get_deps
from ..roles import STAFF, SURVEY_AUTHORS, SURVEY_READERS
from .answers import refusals_answered

router = APIRouter(prefix="/staff-surveys", tags=["staff survey"])
Year = Annotated[int, Path(ge=2000, le=9999, description="The survey's year")]


@router.put("/{year}")
async def set_questions(year: Year, body: SetQuestions,
                        who: Principal = Depends(allow(*SURVEY_AUTHORS)),
                        deps: Deps = Depends(get_deps)) -> dict:
    """409 once anyone has answered."""
    return await refusals_answered(survey.set_questions(deps, year, body, who))


@router.get("/{year}")
async def questions(year: Year, _: Principal = Depends(allow(*STAFF)),
                    deps: Deps = Depends(get_deps)) -> dict:
    return found_or_404(await survey.questions(deps, year), f"no staff survey in {year}")


@router.post("/{year}/answers", status_code=status.HTTP_202_ACCEPTED)
async def answer(year: Year, body: AnswerSurvey, response: Response,
                 who: Principal = Depends(allow(*STAFF)),
                 deps: Deps = Depends(get_deps)) -> dict:
    """Anonymous: stored with no person, and published by the outbox relay a few seconds
    later, never in this request (so no trace or timing of it travels with the event).
    409 if you have answered already."""
    found = await refusals_answered(survey.answer(deps, year, body, who))
    return found_or_404(found, f"no staff survey in {year}") | {"published": False}


@router.get("/{year}/results")
async def results(year: Year, _: Principal = Depends(allow(*SURVEY_READERS)),
                  deps: Deps = Depends(get_deps)) -> dict:
    """Each question's answers and mean, with the year before's beside (matched by wording)."""
    return found_or_404(await survey.results(deps, year), f"no staff survey in {year}")
