"""Facts about monthly "journey and impact" audits (topic qa.audit, key audit_id)."""

from __future__ import annotations

from datetime import date, datetime
from typing import Literal

from pydantic import BaseModel, Field

from . import topics
from .base import CaseReference, EventData, Id, PersonalText
from .common import Grade, Month, Priority
from .standards import STANDARDS_VERSION


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


class AuditedCase(BaseModel):
    """Which case an audit is of, when and by whom: the command's and the event's fields."""

    month: Month
    case_ref: CaseReference
    team_id: Id
    auditor_ids: list[Id] = Field(min_length=1, max_length=2)
    deadline: date | None = None


class AuditRecord(BaseModel):
    """What the auditor records, declared once: the submit command (audit capture's
    AuditFindings) and the submitted event both take these fields from here."""

    social_worker_id: Id
    line_manager_id: Id | None = None
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


class AuditSubmitted(EventData, AuditRecord, AuditedCase):
    event_type = "audit.submitted"
    topic = topics.AUDIT

    audit_id: Id
    standards_version: str = STANDARDS_VERSION
    submitted_at: datetime
    on_time: bool = True
    allocation_id: Id | None = Field(default=None, description="Set when it was allocated")
    submitted_by: Id | None = None
    recorded_past: bool = Field(
        default=False, description="History loaded afterwards: `submitted_at` is when the "
        "audit was in fact submitted (the envelope's `occurred_at` when it was recorded)")

    def subject(self) -> str:
        return self.audit_id


class AuditDraftSaved(EventData):
    """An auditor saved a draft of an allocated audit: progress only, never what was typed."""

    event_type = "audit.draft_saved"
    topic = topics.AUDIT

    audit_id: Id
    allocation_id: Id | None = None
    month: Month
    team_id: Id
    standards_filled: list[int] = Field(
        default_factory=list, description="Standards for Practice (1 to 6) graded so far")
    overall_grade_filled: bool = False
    saved_by: Id
    saved_at: datetime

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


class AuditResultsShared(EventData):
    """On completion the results go to the social worker, with a copy to their line manager."""

    event_type = "audit.results_shared"
    topic = topics.AUDIT

    audit_id: Id
    month: Month
    team_id: Id
    social_worker_id: Id
    line_manager_id: Id | None = None
    overall_grade: Grade
    impact_grade: Grade
    shared_at: datetime
    # For the worker's own record and the child's (optional: absent in older events).
    case_ref: CaseReference | None = Field(
        default=None, description="The child's case, to file the audit on the child's record")
    auditor_ids: list[Id] = Field(default_factory=list, description="Who audited the case")
    completed_with_caseworker: bool = Field(
        default=False, description="The auditor completed part of the audit with the worker")

    def subject(self) -> str:
        return self.audit_id


class StandardModeration(BaseModel):
    standard: int = Field(ge=1, le=6)
    agree: bool
    grade: Grade | None = Field(default=None, description="The moderated grade, if changed")
    rationale: PersonalText = ""


AuditCompetency = Literal["evidence", "analysis", "child_voice", "impact", "actions",
                          "timeliness"]
"""The audit competencies a moderator can name as a learning need for the auditor."""

AUDIT_COMPETENCIES: dict[str, str] = {
    "evidence": "Gathering and recording evidence from the record",
    "analysis": "Analysing practice against the Standards and grading it",
    "child_voice": "Capturing the child's lived experience and voice",
    "impact": "Judging the impact for the child",
    "actions": "Setting clear, timely actions",
    "timeliness": "Completing audits within the window",
}

Judgement = Literal["strong", "sound", "weak"]
"""A moderator's small scale for an audit's evidence and its timeliness, best first."""

JUDGEMENTS: dict[str, str] = {"strong": "Strong", "sound": "Sound", "weak": "Weak"}


class AuditModerated(EventData):
    """A moderator's view of one audit: agreement per standard and overall ("audit the auditor")."""

    event_type = "audit.moderated"
    topic = topics.AUDIT

    moderation_id: Id
    audit_id: Id
    month: Month
    team_id: Id
    auditor_ids: list[Id] = Field(min_length=1, max_length=2)
    moderator_id: Id
    standards: list[StandardModeration] = Field(min_length=6, max_length=6)
    overall_agree: bool
    overall_grade: Grade = Field(description="The overall grade after moderation")
    rationale: PersonalText = ""
    agreed_count: int = Field(ge=0, le=7, description="Judgements agreed out of 7")
    moderated_at: datetime
    # Moderation outcomes (optional; absent in moderations recorded before them).
    good_practice: bool = Field(default=False, description=(
        "The moderator acknowledges good practice in the case: it enters the register of "
        "outstanding practice"))
    good_practice_note: PersonalText = Field(default="", max_length=500, description=(
        "What the good practice was, in a sentence or two (when good_practice)"))
    learning_needs: list[AuditCompetency] = Field(default_factory=list, max_length=6, description=(
        "Audit competencies the auditor needs learning and development in"))
    learning_needs_note: PersonalText = Field(default="", max_length=1000)
    evidence_quality: Judgement | None = Field(default=None, description=(
        "The moderator's judgement of the quality of the audit's evidence"))
    timeliness: Judgement | None = Field(default=None, description=(
        "The moderator's judgement of the audit's timeliness"))

    def subject(self) -> str:
        return self.audit_id


class AuditGradeChanged(EventData):
    """Moderation changed a grade; `standard` is null for the overall grade."""

    event_type = "audit.grade_changed"
    topic = topics.AUDIT

    audit_id: Id
    moderation_id: Id
    month: Month
    team_id: Id
    standard: int | None = Field(default=None, ge=1, le=6)
    previous_grade: Grade
    grade: Grade
    reason: PersonalText = Field(min_length=1)
    changed_by: Id
    changed_at: datetime

    def subject(self) -> str:
        return self.audit_id


class AuditSignedOff(EventData):
    event_type = "audit.signed_off"
    topic = topics.AUDIT

    audit_id: Id
    month: Month
    team_id: Id
    overall_grade: Grade
    signed_off_by: Id
    signed_off_at: datetime

    def subject(self) -> str:
        return self.audit_id


class ThemeAnswer(BaseModel):
    question_id: Id
    answer: Literal["yes", "partly", "no", "not_applicable"]
    evidence: PersonalText = ""


class ThemedAuditRecorded(EventData):
    """One case audited against a theme's questions, alone or as part of a dip sample."""

    event_type = "audit.themed_recorded"
    topic = topics.AUDIT

    themed_audit_id: Id
    theme_id: Id
    theme_title: str
    month: Month
    case_ref: CaseReference
    team_id: Id
    auditor_ids: list[Id] = Field(min_length=1)
    answers: list[ThemeAnswer] = Field(min_length=1)
    partner_agencies: list[str] = Field(default_factory=list,
                                        description="Multi-agency audits: who took part")
    dip_sample_id: Id | None = None
    actions: list[RaisedAction] = Field(default_factory=list)
    recorded_at: datetime

    def subject(self) -> str:
        return self.themed_audit_id
