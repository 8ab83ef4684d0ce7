"""Every event type the services exchange, so producers, consumers and generators agree."""

from __future__ import annotations

from .action import ActionRaised, ActionStatusChanged
from .alert import AlertRaised
from .audit import AuditSubmitted, SafeguardingConcernRaised
from .base import EventData
from .complaint import ComplaintRecorded
from .directory import StaffMemberUpserted, TeamUpserted
from .feedback import FeedbackItemAccepted, SafetyLinkTriggered
from .observation import MeetingObservationRecorded, PracticeObservationRecorded
from .programme import CaseAllocated, ProgrammeMonthPlanned

EVENTS: tuple[type[EventData], ...] = (
    TeamUpserted,
    StaffMemberUpserted,
    ProgrammeMonthPlanned,
    CaseAllocated,
    AuditSubmitted,
    SafeguardingConcernRaised,
    PracticeObservationRecorded,
    MeetingObservationRecorded,
    FeedbackItemAccepted,
    SafetyLinkTriggered,
    ComplaintRecorded,
    ActionRaised,
    ActionStatusChanged,
    AlertRaised,
)

BY_TYPE: dict[str, type[EventData]] = {model.event_type: model for model in EVENTS}
