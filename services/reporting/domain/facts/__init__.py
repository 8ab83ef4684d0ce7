"""What reporting keeps of each event: counts and categories, no free text (pure).

Each fact function turns one event into the fact documents it sets: (collection, id,
fields); they live in one module per topic. `FACT_FUNCTIONS` below is the one list of the
events reporting projects: adding an event is one function in its topic's module and one
line there (the subscriptions, the live handler and the rebuild all follow from it).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from schemas.action import ActionAssigned, ActionDueDateChanged, ActionRaised
from schemas.action import ActionStatusChanged
from schemas.alert import AlertRaised
from schemas.audit import AuditGradeChanged, AuditModerated, AuditSignedOff, AuditSubmitted
from schemas.audit import SafeguardingConcernRaised, ThemedAuditRecorded
from schemas.base import EventData
from schemas.briefing import BriefingSignedOff, StaffBriefingPublished
from schemas.complaint import ComplaintRecorded
from schemas.directory import StaffMemberUpserted, TeamUpserted
from schemas.feedback import FeedbackItemAccepted, SafetyLinkTriggered
from schemas.learning import MeetingCancelled, MeetingHeld, MeetingScheduled, MinutesSignedOff
from schemas.learning import PriorityAgreed, ThemeAnswered, ThemeEscalated
from schemas.observation import ConferenceChecklistRecorded, MeetingObservationRecorded
from schemas.observation import PracticeObservationRecorded
from schemas.performance import LocalityIndicatorRecorded
from schemas.programme import CaseAllocated, CaseSampleDrawn, ProgrammeMonthPlanned

from .actions import action_assigned_facts, action_due_date_facts, action_raised_facts
from .actions import action_status_facts
from .actions import alert_facts
from .audits import audit_facts, case_key, concern_facts, grade_change_facts
from .audits import moderation_facts, signed_off_facts, themed_audit_facts
from .directory import staff_facts, team_facts
from .fact import Fact
from .feedback_and_complaints import complaint_facts, feedback_facts, safety_link_facts
from .learning import meeting_cancelled_facts, meeting_held_facts, meeting_scheduled_facts
from .learning import minutes_signed_off_facts, priority_agreed_facts, theme_answered_facts
from .learning import theme_escalated_facts
from .observations import checklist_facts, meeting_observation_facts
from .observations import practice_observation_facts
from .programme import allocation_facts, programme_facts, sample_facts
from .signoffs_and_indicators import indicator_facts, signoff_facts, staff_briefing_facts

__all__ = ["FACT_FUNCTIONS", "Fact", "case_key"]

FACT_FUNCTIONS: dict[type[EventData], Callable[[Any], list[Fact]]] = {
    AuditSubmitted: audit_facts,
    AuditModerated: moderation_facts,
    AuditGradeChanged: grade_change_facts,
    AuditSignedOff: signed_off_facts,
    SafeguardingConcernRaised: concern_facts,
    ThemedAuditRecorded: themed_audit_facts,
    ProgrammeMonthPlanned: programme_facts,
    CaseSampleDrawn: sample_facts,
    CaseAllocated: allocation_facts,
    PracticeObservationRecorded: practice_observation_facts,
    MeetingObservationRecorded: meeting_observation_facts,
    ConferenceChecklistRecorded: checklist_facts,
    FeedbackItemAccepted: feedback_facts,
    SafetyLinkTriggered: safety_link_facts,
    ComplaintRecorded: complaint_facts,
    ActionRaised: action_raised_facts,
    ActionStatusChanged: action_status_facts,
    ActionAssigned: action_assigned_facts,
    ActionDueDateChanged: action_due_date_facts,
    AlertRaised: alert_facts,
    TeamUpserted: team_facts,
    StaffMemberUpserted: staff_facts,
    BriefingSignedOff: signoff_facts,
    StaffBriefingPublished: staff_briefing_facts,
    LocalityIndicatorRecorded: indicator_facts,
    MeetingScheduled: meeting_scheduled_facts,
    MeetingHeld: meeting_held_facts,
    MeetingCancelled: meeting_cancelled_facts,
    MinutesSignedOff: minutes_signed_off_facts,
    PriorityAgreed: priority_agreed_facts,
    ThemeEscalated: theme_escalated_facts,
    ThemeAnswered: theme_answered_facts,
}
