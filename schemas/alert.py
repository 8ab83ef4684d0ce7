"""Alerts raised by action tracking (topic qa.alert, key alert_id).

Each alert is raised exactly once: its id is derived from what it is about, its kind and
the due moment, and it is stored insert-once before it is published.
"""

from __future__ import annotations

from datetime import datetime
from typing import Literal

from pydantic import Field

from . import topics
from .base import EventData, Id

AlertKind = Literal["due_soon", "overdue", "escalated", "safeguarding_concern", "safety_link",
                    "clinic_due", "clinic_overdue"]
DeadlineKind = Literal["action", "audit_window", "complaint_stage", "safeguarding", "momo",
                       "performance_clinic"]


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
    deadline_id: Id | None = Field(default=None, description="The deadline that fell due")
    escalated_to: Id | None = Field(default=None, description="Head of service, on escalation")
    working_days_overdue: int | None = None
    title: str = Field(default="", description="A short label without personal data")
    action_id: Id | None = Field(default=None, description="The tracked action this alert "
                                 "is about or created (urgent alerts own an action)")

    def subject(self) -> str:
        return self.alert_id
