"""Facts about improvement actions (topic qa.action, key action_id)."""

from __future__ import annotations

from datetime import date, datetime
from enum import StrEnum
from typing import Literal

from pydantic import BaseModel, Field

from . import topics
from .base import CaseReference, EventData, Id, PersonalText
from .common import Priority

OriginKind = Literal[
    "audit",
    "moderation",
    "practice_observation",
    "meeting_observation",
    "conference_checklist",
    "performance_clinic",
    "qa_forum",
    "meeting",  # another of the Review stage's meetings (learning's meeting kinds)
    "supervision",  # a reflective supervision session's next steps (learning)
    "learning_circle",  # a Restorative Practice Learning Circle's actions (learning)
    "themed_audit",
    "complaint_learning",
    "direct",
    "safety_link",  # a child used the MOMO Safety Link: an urgent action for the team manager
    "safeguarding_concern",  # found during an audit: an urgent action for the team manager
]


class ActionStatus(StrEnum):
    OPEN = "open"
    IN_PROGRESS = "in_progress"
    COMPLETED = "completed"
    CONFIRMED = "confirmed"
    CANCELLED = "cancelled"


ActionChange = Literal["progressed", "completed", "confirmed", "reopened", "cancelled",
                       "sent_back", "acknowledged"]


class ActionOrigin(BaseModel):
    """The finding that raised the action."""

    kind: OriginKind
    id: Id


class ActionRaised(EventData):
    event_type = "action.raised"
    topic = topics.ACTION

    action_id: Id
    origin: ActionOrigin
    description: PersonalText
    owner_id: Id
    team_id: Id
    due_date: date
    priority: Priority = Priority.NORMAL
    raised_at: datetime
    raised_by: Id | None = Field(default=None, description="The person, for direct actions")
    recorded_past: bool = Field(
        default=False, description="History loaded afterwards (an action already taken, or "
        "one raised by an audit recorded for its month): `raised_at` is when it was in fact "
        "raised, and alerts already due by the time it was recorded are not raised")
    urgent: bool = Field(default=False, description="Raised by a Safety Link or a "
                         "safeguarding concern: to be acknowledged by `acknowledge_by`")
    acknowledge_by: datetime | None = Field(
        default=None, description="Urgent actions: escalated to the head of service if not "
        "acknowledged by then")
    case_ref: CaseReference | None = Field(
        default=None, description="The child's case, where the finding was about one (an "
        "audit, an observation of their case, a learning circle, a Safety Link): shown only "
        "to those who may see the action")

    def subject(self) -> str:
        return self.action_id


class ActionAssigned(EventData):
    """The action has a new owner (and so perhaps a new team)."""

    event_type = "action.assigned"
    topic = topics.ACTION

    action_id: Id
    owner_id: Id
    previous_owner_id: Id
    team_id: Id
    assigned_by: Id
    assigned_at: datetime

    def subject(self) -> str:
        return self.action_id


class ActionStatusChanged(EventData):
    event_type = "action.status_changed"
    topic = topics.ACTION

    action_id: Id
    status: ActionStatus
    previous_status: ActionStatus
    changed_by: Id
    reason: PersonalText | None = None
    changed_at: datetime
    change: ActionChange | None = Field(default=None, description="What the person did")
    owner_id: Id | None = None
    team_id: Id | None = None
    evidence: PersonalText | None = Field(default=None, description="On completion")
    due_date: date | None = Field(
        default=None, description="The due date agreed when this change was made (a new "
        "date may have been agreed since the action was raised)")
    original_due_date: date | None = Field(
        default=None, description="The due date the action was raised with: completed in "
        "time against the original means completed on or before this")
    recorded_past: bool = Field(
        default=False, description="History loaded afterwards: `changed_at` is when the "
        "change in fact happened (the envelope's `occurred_at` when it was recorded)")

    def subject(self) -> str:
        return self.action_id


class ActionDueDateChanged(EventData):
    """A manager agreed a new due date, with a reason; the original date is kept, so
    whether the action was met against the original can still be counted."""

    event_type = "action.due_date_changed"
    topic = topics.ACTION

    action_id: Id
    due_date: date = Field(description="The new, agreed due date")
    previous_due_date: date
    original_due_date: date = Field(description="The due date the action was raised with")
    reason: PersonalText
    changed_by: Id
    changed_at: datetime
    owner_id: Id
    team_id: Id
    recorded_past: bool = Field(
        default=False, description="History loaded afterwards: `changed_at` is when the new "
        "date was in fact agreed (the envelope's `occurred_at` when it was recorded)")

    def subject(self) -> str:
        return self.action_id
