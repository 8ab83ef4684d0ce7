"""Facts about the Learn stage (topic qa.learning): an audit's results delivered to the
social worker and their line manager, the worker's reflection, reflective supervision
sessions and their next steps, and a manager's sign-off of a piece of CPD evidence."""

from __future__ import annotations

from datetime import date, datetime
from typing import Literal

from pydantic import BaseModel, Field

from . import topics
from .audit import RaisedAction
from .base import CaseReference, EventData, Id, PersonalText
from .common import Grade, Month

SupervisionKind = Literal["worker", "team_manager"]
DiscussedKind = Literal["audit", "observation", "checklist", "action"]
EvidenceKind = Literal["audit", "audited", "moderation", "reflection", "supervision",
                       "observation", "checklist", "session"]


class ResultsDelivered(EventData):
    """An audit's results reached the social worker, copied to their line manager: the
    notification for both, and what another system needs to file the audit on the child's
    record."""

    event_type = "learning.results_delivered"
    topic = topics.LEARNING

    audit_id: Id
    month: Month
    team_id: Id
    case_ref: CaseReference | None = None
    social_worker_id: Id
    line_manager_id: Id | None = None
    recipients: list[Id] = Field(min_length=1, description="The worker, then the manager")
    overall_grade: Grade
    impact_grade: Grade
    completed_with_caseworker: bool = False
    delivered_at: datetime

    def subject(self) -> str:
        return self.audit_id


class ReflectionRecorded(EventData):
    """The social worker's response to an audit of their case and their reflection."""

    event_type = "learning.reflection_recorded"
    topic = topics.LEARNING

    audit_id: Id
    social_worker_id: Id
    response: PersonalText = Field(min_length=1)
    reflection: PersonalText = Field(min_length=1)
    recorded_at: datetime

    def subject(self) -> str:
        return self.audit_id


class Discussed(BaseModel):
    """Something a supervision session discussed, by id."""

    kind: DiscussedKind
    id: Id


class SupervisionSignedOff(EventData):
    """A reflective supervision session signed off by the supervisor: what it discussed,
    what was agreed, and its next steps (tracked as actions)."""

    event_type = "supervision.signed_off"
    topic = topics.LEARNING

    supervision_id: Id
    kind: SupervisionKind
    supervisee_id: Id
    supervisor_id: Id
    held_on: date
    discussed: list[Discussed] = Field(default_factory=list)
    agreed: list[PersonalText] = Field(default_factory=list)
    actions: list[RaisedAction] = Field(default_factory=list)
    signed_off_at: datetime

    def subject(self) -> str:
        return self.supervision_id


class EvidenceSignedOff(EventData):
    """A line manager signed off a piece of their report's CPD evidence."""

    event_type = "learning.evidence_signed_off"
    topic = topics.LEARNING

    person_id: Id
    piece_kind: EvidenceKind
    piece_id: Id
    signed_by: Id
    comment: PersonalText = ""
    signed_at: datetime

    def subject(self) -> str:
        return self.person_id


class GoodPracticeAcknowledged(EventData):
    """A moderator acknowledged good practice in an audit: one entry of the register of
    outstanding practice, for the leadership team and the learning and development
    programme to take up. Published once per moderation that acknowledges it."""

    event_type = "good_practice.acknowledged"
    topic = topics.LEARNING

    acknowledgement_id: Id
    audit_id: Id
    moderation_id: Id
    month: Month
    team_id: Id
    auditor_ids: list[Id] = Field(min_length=1, max_length=2)
    acknowledged_by: Id
    note: PersonalText = Field(default="", max_length=500)
    acknowledged_at: datetime

    def subject(self) -> str:
        return self.audit_id
