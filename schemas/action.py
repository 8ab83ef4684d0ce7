"""Facts about improvement actions (topic qa.action, key action_id)."""

from __future__ import annotations

from datetime import date, datetime
from enum import StrEnum
from typing import Literal

from pydantic import BaseModel, Field

from . import topics
from .base import EventData, Id, PersonalText
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
    "themed_audit",
    "complaint_learning",
    "direct",
]


class ActionStatus(StrEnum):
    OPEN = "open"
    IN_PROGRESS = "in_progress"
    COMPLETED = "completed"
    CONFIRMED = "confirmed"
    CANCELLED = "cancelled"


ActionChange = Literal["progressed", "completed", "confirmed", "reopened", "cancelled"]


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
    recorded_past: bool = Field(default=False,
                                description="Records an action already taken in the past")

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

    def subject(self) -> str:
        return self.action_id
