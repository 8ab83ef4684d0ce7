"""Facts about monthly "journey and impact" audits (topic qa.audit, key audit_id)."""

from __future__ import annotations

from datetime import date, datetime
from typing import Literal

from pydantic import BaseModel, Field

from . import topics
from .base import CaseReference, EventData, Id, PersonalText
from .common import Grade, Month, Priority


class StandardGrade(BaseModel):
    standard: int = Field(ge=1, le=6, description="Standard for Practice 1 to 6")
    grade: Grade
    evidence: PersonalText = ""
    missing: PersonalText = Field(default="", description="What is missing")


class ViewRecord(BaseModel):
    status: Literal["obtained", "not_appropriate", "not_possible"]
    summary: PersonalText = ""


class ImpactForChild(BaseModel):
    """The framework's "so what": judged separately from compliance."""

    grade: Grade
    better_off: bool
    has_pace: bool
    rationale_evident: bool
    help_planned_and_purposeful: bool


class RaisedAction(BaseModel):
    key: Id = Field(description="Stable within the audit, so the derived action id is stable")
    description: PersonalText = Field(min_length=1)
    owner_id: Id
    due_date: date
    priority: Priority = Priority.NORMAL


class AuditSubmitted(EventData):
    event_type = "audit.submitted"
    topic = topics.AUDIT

    audit_id: Id
    month: Month
    case_ref: CaseReference
    team_id: Id
    auditor_ids: list[Id] = Field(min_length=1, max_length=2)
    social_worker_id: Id
    line_manager_id: Id | None = None
    standards_version: str = "V5_07.17"
    standards: list[StandardGrade] = Field(min_length=6, max_length=6)
    child_seen_alone: bool | None = None
    child_seen_alone_reason: PersonalText | None = None
    overall_grade: Grade
    impact: ImpactForChild
    child_view: ViewRecord
    parent_view: ViewRecord
    social_worker_reflections: PersonalText = ""
    auditor_suggestions: PersonalText = ""
    completed_with_caseworker: bool = False
    actions: list[RaisedAction] = Field(default_factory=list)
    submitted_at: datetime
    on_time: bool = True

    def subject(self) -> str:
        return self.audit_id


class SafeguardingConcernRaised(EventData):
    """Raised at once when an auditor finds a safeguarding concern."""

    event_type = "audit.safeguarding_concern_raised"
    topic = topics.AUDIT

    concern_id: Id
    audit_id: Id
    case_ref: CaseReference
    team_id: Id
    raised_by: Id
    summary: PersonalText = Field(min_length=1)
    raised_at: datetime

    def subject(self) -> str:
        return self.audit_id
