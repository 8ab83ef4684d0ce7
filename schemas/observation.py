"""Facts about practice and meeting observations (topic qa.observation)."""

from __future__ import annotations

from datetime import date
from typing import Literal

from pydantic import Field

from . import topics
from .audit import RaisedAction
from .base import EventData, Id, PersonalText


class PracticeObservationRecorded(EventData):
    event_type = "observation.practice_recorded"
    topic = topics.OBSERVATION

    observation_id: Id
    worker_id: Id
    observer_id: Id
    team_id: Id
    observed_on: date
    kind: Literal["practice", "asye", "supervision"] = "practice"
    consent_confirmed: bool
    summary: PersonalText = ""
    actions: list[RaisedAction] = Field(default_factory=list)

    def subject(self) -> str:
        return self.observation_id


class MeetingObservationRecorded(EventData):
    event_type = "observation.meeting_recorded"
    topic = topics.OBSERVATION

    observation_id: Id
    meeting_type: str = Field(min_length=1)
    observer_id: Id
    observer_role: Literal["head_of_service", "director"]
    observed_on: date
    team_id: Id | None = None
    learning: PersonalText = ""
    actions: list[RaisedAction] = Field(default_factory=list)

    def subject(self) -> str:
        return self.observation_id
