"""Facts about improvement actions (topic qa.action, key action_id)."""

from __future__ import annotations

from datetime import date, datetime
from enum import StrEnum
from typing import Literal

from pydantic import BaseModel

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
    "complaint_learning",
    "direct",
]


class ActionStatus(StrEnum):
    OPEN = "open"
    IN_PROGRESS = "in_progress"
    COMPLETED = "completed"
    CONFIRMED = "confirmed"
    CANCELLED = "cancelled"


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

    def subject(self) -> str:
        return self.action_id
