"""The annual staff survey (topic qa.learning): one anonymous answer. It carries no person,
team, token subject or time finer than the day, and its id is random: nothing in it leads
back to who gave it."""

from __future__ import annotations

from datetime import date

from pydantic import Field

from . import topics
from .base import EventData, Id


class StaffSurveyAnswered(EventData):
    event_type = "staff_survey.answered"
    topic = topics.LEARNING

    answer_id: Id = Field(description="Random; derived from nothing about the person")
    survey_id: Id
    year: int = Field(ge=2000, le=9999)
    answered_on: date = Field(description="The day only")
    ratings: dict[str, int] = Field(
        description="Question id -> 1 (strongly disagree) to 5 (strongly agree)")

    def subject(self) -> str:
        return self.survey_id
