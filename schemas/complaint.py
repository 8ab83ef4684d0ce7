"""Facts about complaints through their statutory stages (topic qa.complaint)."""

from __future__ import annotations

from datetime import date

from typing import Literal

from pydantic import BaseModel, Field

from . import topics
from .base import EventData, Id, PersonalText


class ComplaintStage(BaseModel):
    stage: int = Field(ge=1, le=3)
    started_on: date
    due_on: date
    extended_due_on: date | None = None
    responded_on: date | None = None
    outcome: Literal["upheld", "partly_upheld", "not_upheld"] | None = None


class ComplaintRecorded(EventData):
    """The complaint as now known; a later revision of the same complaint replaces it."""

    event_type = "complaint.recorded"
    topic = topics.COMPLAINT

    complaint_id: Id
    source_id: Id
    received_on: date
    complainant: Literal["child", "parent_carer", "other"]
    team_id: Id | None = None
    themes: list[str] = Field(default_factory=list)
    stages: list[ComplaintStage] = Field(min_length=1)
    learning: PersonalText | None = None
    revision: int = Field(default=1, ge=1)

    def subject(self) -> str:
        return self.complaint_id
