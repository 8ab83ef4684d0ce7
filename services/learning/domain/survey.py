"""The annual staff survey (pure): its questions, set by the head of quality or the practice
learning team; an anonymous answer (a rating of 1 to 5 for each question, nothing else:
free text can name its writer); the results beside the year before's."""

from __future__ import annotations

import uuid
from datetime import date
from typing import Any

from pydantic import BaseModel, Field

from schemas.survey import StaffSurveyAnswered

from .refusals import Locked, Refused

SCALE = {1: "Strongly disagree", 2: "Disagree", 3: "Neither agree nor disagree", 4: "Agree",
         5: "Strongly agree"}


def survey_id_of(year: int) -> str:
    return f"staff-survey-{year}"


class SetQuestions(BaseModel):
    title: str = Field(min_length=1, max_length=200)
    questions: list[str] = Field(min_length=1, max_length=30,
                                 description="Statements staff rate from 1 to 5, one each")


def decide_questions(year: int, command: SetQuestions, *, answered: int,
                     by: str) -> dict[str, Any]:
    """Questions stay as they were once anyone has answered: answers must mean one thing."""
    if answered:
        raise Locked("people have answered this survey; its questions can no longer change")
    texts = [q.strip() for q in command.questions if q.strip()]
    if not texts:
        raise Refused("questions", "a survey needs at least one question")
    if len(set(texts)) != len(texts):
        raise Refused("questions", "each question once")
    return {"_id": survey_id_of(year), "year": year, "title": command.title.strip(),
            "questions": [{"id": f"q{n}", "text": t} for n, t in enumerate(texts, 1)],
            "set_by": by}


class AnswerSurvey(BaseModel):
    ratings: dict[str, int] = Field(description="Question id -> 1 to 5")


def decide_answer(survey: dict[str, Any], command: AnswerSurvey, *,
                  today: date) -> StaffSurveyAnswered:
    """The answer as stored and published: a random id and the day, no person."""
    for question in survey["questions"]:
        rating = command.ratings.get(question["id"])
        if rating not in SCALE:
            raise Refused(f"ratings.{question['id']}",
                          f"rate \u201c{question['text']}\u201d from 1 to 5")
    unknown = set(command.ratings) - {q["id"] for q in survey["questions"]}
    if unknown:
        raise Refused("ratings", f"no such question: {', '.join(sorted(unknown))}")
    return StaffSurveyAnswered(answer_id=str(uuid.uuid4()), survey_id=survey["_id"],
                               year=survey["year"], answered_on=today,
                               ratings=dict(command.ratings))


def results(survey: dict[str, Any], answers: list[dict[str, Any]],
            before: dict[str, Any] | None, answers_before: list[dict[str, Any]]) -> dict[str, Any]:
    """Per question: how many answered, the mean, how many gave each rating, and the same
    question's figures the year before (matched by its wording; none if it is new)."""
    earlier = {q["text"]: _figures(q["id"], answers_before) for q in (before or {}).get(
        "questions", [])}
    return {"year": survey["year"], "title": survey["title"], "answers": len(answers),
            "answers_before": len(answers_before) if before else None,
            "questions": [{**q, **_figures(q["id"], answers), "before": earlier.get(q["text"])}
                          for q in survey["questions"]]}


def _figures(question_id: str, answers: list[dict[str, Any]]) -> dict[str, Any]:
    ratings = [a["ratings"][question_id] for a in answers if question_id in a["ratings"]]
    mean = round(sum(ratings) / len(ratings), 2) if ratings else None
    return {"count": len(ratings), "mean": mean,
            "spread": {str(n): ratings.count(n) for n in SCALE}}
