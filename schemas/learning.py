"""Facts about the Review stage's meetings and the monthly findings (topic qa.learning).

Meeting facts are keyed by meeting_id, so one meeting's facts stay in order; the monthly
findings by their month. People needing support, decided at a performance clinic, are never
in an event: only their managers and the head of service may see them (learning keeps them).
"""

from __future__ import annotations

from datetime import date, datetime
from enum import StrEnum
from typing import Literal

from pydantic import BaseModel, Field

from . import topics
from .audit import RaisedAction
from .base import EventData, Id, PersonalText
from .common import Month


class MeetingKind(StrEnum):
    """The meetings the framework names."""

    QA_FORUM = "qa_forum"  # quarterly, chaired by the head of quality
    PERFORMANCE_CLINIC = "performance_clinic"  # per team, every 3 to 6 months
    MANAGERS_PERFORMANCE = "managers_performance"  # heads of service, monthly
    FINDINGS_SIGNOFF = "findings_signoff"  # the audit groups, monthly
    CP_CONFERENCE_REVIEW = "cp_conference_review"  # CP conference team manager, quarterly
    IRS_REVIEW = "irs_review"  # IRS quality manager, quarterly
    MULTI_AGENCY_AUDIT_REVIEW = "multi_agency_audit_review"  # MAQuA, as held
    PEER_CHALLENGE = "peer_challenge"  # external, from time to time


class PackLink(BaseModel):
    """The pack a meeting reviews: one of reporting's reports, for a period and filters.
    Frozen when the meeting is held (`frozen_on`)."""

    report: Literal["qa_forum", "performance_clinic", "briefing", "impact", "coverage",
                    "complaints", "other"]
    period_from: Month
    period_to: Month
    filters: dict[str, str] = Field(default_factory=dict, description="e.g. team_id")
    frozen_on: date | None = None


class CarriedPriority(BaseModel):
    """A priority the team agreed at its last clinic, and what became of it."""

    priority_id: Id
    text: PersonalText
    from_meeting_id: Id
    outcome: Literal["met", "partly_met", "not_met", "dropped"] | None = None
    note: PersonalText = ""


class MeetingScheduled(EventData):
    event_type = "meeting.scheduled"
    topic = topics.LEARNING

    meeting_id: Id
    kind: MeetingKind
    title: str
    team_id: Id | None = None
    scheduled_for: date
    chair_id: Id | None = Field(default=None, description="If known when scheduled")
    invited_ids: list[Id] = Field(default_factory=list, description="Staff invited")
    guests_invited: int = Field(default=0, description="Guests (students, partners, carers)")
    pack: PackLink | None = None
    carried_priorities: list[CarriedPriority] = Field(default_factory=list)

    def subject(self) -> str:
        return self.meeting_id


class MeetingHeld(EventData):
    event_type = "meeting.held"
    topic = topics.LEARNING

    meeting_id: Id
    kind: MeetingKind
    team_id: Id | None = None
    held_on: date
    chair_id: Id | None = None
    attendee_ids: list[Id] = Field(default_factory=list)
    guests_attended: int = 0
    pack: PackLink | None = None
    on_time: bool = Field(description="Held within its kind's interval of the last one")

    def subject(self) -> str:
        return self.meeting_id


class AgreedPriority(BaseModel):
    priority_id: Id
    text: PersonalText = Field(min_length=1)


class EscalatedTheme(BaseModel):
    theme_id: Id
    text: PersonalText = Field(min_length=1)
    to: Literal["senior_managers", "council", "partners"]


class ClinicOutcomes(BaseModel):
    """What a performance clinic decided, as the framework lists it (without the people
    needing support, which never leave learning)."""

    priorities: list[AgreedPriority] = Field(default_factory=list)
    carried_priorities: list[CarriedPriority] = Field(default_factory=list)
    learning_sessions: list[PersonalText] = Field(default_factory=list)
    coaching_requested: list[PersonalText] = Field(
        default_factory=list, description="From principal or consultant social workers")
    escalated_themes: list[EscalatedTheme] = Field(default_factory=list)


class MinutesSignedOff(EventData):
    """The chair signed the minutes off: from now they are immutable. A correction is a new
    version, signed off again, with its reason; `actions` is each version's whole list."""

    event_type = "meeting.minutes_signed_off"
    topic = topics.LEARNING

    meeting_id: Id
    kind: MeetingKind
    team_id: Id | None = None
    held_on: date
    chair_id: Id
    version: int = Field(ge=1)
    correction_reason: PersonalText | None = None
    signed_off_at: datetime
    findings: list[PersonalText] = Field(default_factory=list)
    recommendations: list[PersonalText] = Field(default_factory=list)
    decisions: list[PersonalText] = Field(default_factory=list)
    no_decisions: bool = False
    actions: list[RaisedAction] = Field(default_factory=list)
    clinic: ClinicOutcomes | None = None

    def subject(self) -> str:
        return self.meeting_id

    def action_origin(self) -> Literal["qa_forum", "performance_clinic", "meeting"]:
        """The origin kind its actions are tracked under (schemas.action.OriginKind)."""
        if self.kind in (MeetingKind.QA_FORUM, MeetingKind.PERFORMANCE_CLINIC):
            return self.kind.value  # type: ignore[return-value]
        return "meeting"


class DecisionRecorded(EventData):
    event_type = "meeting.decision_recorded"
    topic = topics.LEARNING

    decision_id: Id
    meeting_id: Id
    kind: MeetingKind
    text: PersonalText
    decided_on: date

    def subject(self) -> str:
        return self.meeting_id


class PriorityAgreed(EventData):
    event_type = "meeting.priority_agreed"
    topic = topics.LEARNING

    priority_id: Id
    meeting_id: Id
    team_id: Id
    text: PersonalText
    agreed_on: date

    def subject(self) -> str:
        return self.meeting_id


class ThemeEscalated(EventData):
    event_type = "meeting.theme_escalated"
    topic = topics.LEARNING

    theme_id: Id
    meeting_id: Id
    team_id: Id | None = None
    text: PersonalText
    to: Literal["senior_managers", "council", "partners"]
    escalated_on: date

    def subject(self) -> str:
        return self.meeting_id


class FindingsSummaryWritten(EventData):
    """The head of quality's summary of a month's audit findings, for the audit groups."""

    event_type = "findings.summary_written"
    topic = topics.LEARNING

    month: Month
    headline_themes: list[PersonalText] = Field(min_length=1)
    recommendations: list[PersonalText] = Field(default_factory=list)
    written_by: Id
    written_at: datetime

    def subject(self) -> str:
        return self.month


class FindingsGroupSignedOff(EventData):
    """A member of one audit group agreed the month's summary, or commented on it."""

    event_type = "findings.group_signed_off"
    topic = topics.LEARNING

    month: Month
    audit_group: Literal[1, 2, 3]
    person_id: Id
    verdict: Literal["agree", "comment"]
    comment: PersonalText = ""
    signed_at: datetime
    groups_signed: list[Literal[1, 2, 3]] = Field(description="Every group signed so far")
    complete: bool = Field(description="All three groups have signed off")

    def subject(self) -> str:
        return self.month


class ThemeAnswered(EventData):
    """A QA Forum answered a theme a clinic (or another meeting) escalated: the answer is in
    the Forum's signed-off minutes. Keyed by the answering Forum."""

    event_type = "meeting.theme_answered"
    topic = topics.LEARNING

    answer_id: Id
    theme_id: Id
    meeting_id: Id = Field(description="The Forum that answered it")
    escalated_by_meeting_id: Id
    team_id: Id | None = Field(default=None, description="The team whose clinic escalated it")
    escalated_on: date | None = Field(default=None, description="When it was escalated")
    answer: PersonalText
    answered_on: date

    def subject(self) -> str:
        return self.meeting_id


class MeetingCancelled(EventData):
    """A meeting scheduled and not held was called off: a cancelled clinic no longer counts
    as the team's planned clinic."""

    event_type = "meeting.cancelled"
    topic = topics.LEARNING

    meeting_id: Id
    kind: MeetingKind
    team_id: Id | None = None
    scheduled_for: date
    reason: PersonalText
    cancelled_on: date

    def subject(self) -> str:
        return self.meeting_id


class PlanItem(BaseModel):
    """One finding, decision, recommendation, action or answered theme, as a plan takes it."""

    source: Literal["qa_forum", "monthly_findings", "multi_agency_audit_review",
                    "escalated_theme"]
    kind: Literal["finding", "decision", "recommendation", "action", "theme"]
    text: PersonalText
    meeting_id: Id | None = None
    month: Month | None = None
    on: date | None = Field(default=None, description="When it was decided or written")
    owner_id: Id | None = Field(default=None, description="An action's owner")
    due_date: date | None = None
    status: str | None = Field(default=None, description="An action's status when exported")


class PlanExported(EventData):
    """The quarter's findings and actions exported for one of the plans the framework feeds
    (the improvement plan, the partnership plan, the safeguarding partnership), for
    another system to take in; each export is a new snapshot."""

    event_type = "governance.plan_exported"
    topic = topics.LEARNING

    export_id: Id
    plan: Literal["improvement_plan", "partnership_plan", "safeguarding_partnership"]
    quarter: str = Field(pattern=r"^\d{4}-Q[1-4]$")
    exported_by: Id
    exported_at: datetime
    items: list[PlanItem]

    def subject(self) -> str:
        return self.export_id
