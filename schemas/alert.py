"""Alerts raised by action tracking (topic qa.alert, key alert_id)."""

from __future__ import annotations

from datetime import datetime
from typing import Literal

from . import topics
from .base import EventData, Id

AlertKind = Literal["due_soon", "overdue", "escalated", "safeguarding_concern", "safety_link"]
DeadlineKind = Literal["action", "audit_window", "complaint_stage", "safeguarding", "momo"]


class AlertRaised(EventData):
    event_type = "alert.raised"
    topic = topics.ALERT

    alert_id: Id
    kind: AlertKind
    about: DeadlineKind
    about_id: Id
    team_id: Id | None = None
    owner_id: Id | None = None
    due_at: datetime | None = None
    urgent: bool = False
    raised_at: datetime

    def subject(self) -> str:
        return self.alert_id
