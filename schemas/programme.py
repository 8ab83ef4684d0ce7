"""Facts about the annual audit programme, case selection and allocations (topic qa.programme)."""

from __future__ import annotations

from datetime import date, datetime
from typing import Literal

from pydantic import BaseModel, Field

from . import topics
from .base import CaseReference, EventData, Id, PersonalText
from .common import Month


class ProgrammeMonthPlanned(EventData):
    event_type = "programme.month_planned"
    topic = topics.PROGRAMME

    month: Month
    theme: str = Field(min_length=1)
    audit_group: int = Field(ge=1, le=3)
    moderation_group: int = Field(ge=1, le=3)
    improvement_group: int = Field(ge=1, le=3)
    moderation_sample_size: int = Field(default=0, ge=0)
    programme_id: Id | None = Field(default=None, description="The annual programme")
    planned_by: Id | None = None

    def subject(self) -> str:
        return self.month


class SelectedCase(BaseModel):
    case_ref: CaseReference
    team_id: Id
    category: str
    reason: PersonalText | None = Field(
        default=None, description="Why a manual addition, or why audited within 12 months")


class CaseSampleDrawn(EventData):
    """Which cases the head of quality selected for a month, and how (reproducible)."""

    event_type = "programme.case_sample_drawn"
    topic = topics.PROGRAMME

    sample_id: Id
    month: Month
    method: Literal["random", "stratified"]
    seed: int
    size: int = Field(ge=0)
    cases: list[SelectedCase]
    skipped_recently_audited: int = Field(ge=0)
    drawn_by: Id
    drawn_at: datetime

    def subject(self) -> str:
        return self.month


class CaseAllocated(EventData):
    event_type = "programme.case_allocated"
    topic = topics.PROGRAMME

    allocation_id: Id
    month: Month
    case_ref: CaseReference
    team_id: Id
    auditor_ids: list[Id] = Field(min_length=1, max_length=2)
    window_starts_on: date
    deadline: date
    audit_id: Id | None = Field(default=None, description="The audit this allocation opens")
    category: str | None = None
    social_worker_id: Id | None = None
    allocated_by: Id | None = None

    def subject(self) -> str:
        return self.allocation_id


class ModerationSampleDrawn(EventData):
    """The month's moderation sample of submitted audits as drawn (reproducible from the seed
    and the pool). Drawn again, it replaces the earlier sample: the latest for a month wins."""

    event_type = "programme.moderation_sample_drawn"
    topic = topics.PROGRAMME

    month: Month
    seed: int
    size: int = Field(ge=0, description="How many were asked for: the programme's size for "
                      "the month unless one was given; fewer are picked when fewer were submitted")
    audit_ids: list[Id] = Field(description="The audits picked for moderation")
    drawn_from_count: int = Field(ge=0, description="How many submitted audits it was drawn from")
    drawn_at: datetime
    drawn_by: Id

    def subject(self) -> str:
        return self.month
