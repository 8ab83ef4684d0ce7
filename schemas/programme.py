"""Facts about the annual audit programme and allocations (topic qa.programme)."""

from __future__ import annotations

from datetime import date

from pydantic import Field

from . import topics
from .base import CaseReference, EventData, Id
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

    def subject(self) -> str:
        return self.allocation_id
