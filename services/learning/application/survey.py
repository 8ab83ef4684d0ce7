"""The annual staff survey's use cases: its questions set, an anonymous answer (once per
person), and the results beside the year before's."""

from __future__ import annotations

from typing import Any

from shared.auth import Principal
from shared.england_time import england_day

from ..domain import survey
from ..domain.refusals import Locked
from ..domain.survey import AnswerSurvey, SetQuestions, survey_id_of
from ..adapters.survey import AlreadyAnswered
from .deps import Deps


async def questions(deps: Deps, year: int) -> dict[str, Any] | None:
    return await deps.surveys.get(survey_id_of(year))


async def set_questions(deps: Deps, year: int, command: SetQuestions,
                        who: Principal) -> dict[str, Any]:
    answered = await deps.surveys.answered_count(survey_id_of(year))
    document = survey.decide_questions(year, command, answered=answered, by=who.subject)
    await deps.surveys.set_questions(document)
    return document


async def has_answered(deps: Deps, year: int, who: Principal) -> bool:
    return await deps.surveys.has_answered(survey_id_of(year), who.subject)


async def answer(deps: Deps, year: int, command: AnswerSurvey,
                 who: Principal) -> dict[str, Any] | None:
    """None if there is no survey that year; Locked if this person has answered it."""
    found = await deps.surveys.get(survey_id_of(year))
    if found is None:
        return None
    answered = survey.decide_answer(found, command, today=england_day(deps.clock.now()))
    try:
        await deps.surveys.answer_once(who.subject, answered)
    except AlreadyAnswered as error:
        raise Locked("you have answered this year's survey already; each person answers "
                     "once") from error
    return {"survey_id": found["_id"], "year": year, "answered": True}


async def results(deps: Deps, year: int) -> dict[str, Any] | None:
    found = await deps.surveys.get(survey_id_of(year))
    if found is None:
        return None
    before = await deps.surveys.get(survey_id_of(year - 1))
    return survey.results(found, await deps.surveys.answers(found["_id"]), before,
                          await deps.surveys.answers(before["_id"]) if before else [])
