"""Every event type the services exchange, so producers, consumers and generators agree."""

from __future__ import annotations

from .access import PersonalDataRead
from .action import ActionAssigned, ActionDueDateChanged, ActionRaised, ActionStatusChanged
from .alert import AlertRaised
from .audit import AuditDraftSaved, AuditGradeChanged, AuditModerated, AuditResultsShared
from .audit import AuditSignedOff
from .audit import AuditSubmitted, SafeguardingConcernRaised, ThemedAuditRecorded
from .base import EventData
from .briefing import BriefingSignedOff, StaffBriefingPublished
from .circles import ChildProtectionPlansListed, LearningCircleRecorded
from .complaint import ComplaintRecorded
from .development import DevelopmentSessionDelivered
from .directory import StaffMemberUpserted, TeamUpserted
from .learning import DecisionRecorded, FindingsGroupSignedOff, FindingsSummaryWritten
from .learning import MeetingHeld, MeetingScheduled, MinutesSignedOff, PriorityAgreed
from .learning import MeetingCancelled, PlanExported, ThemeAnswered, ThemeEscalated
from .learn import EvidenceSignedOff, ReflectionRecorded, ResultsDelivered
from .learn import GoodPracticeAcknowledged, SupervisionSignedOff
from .feedback import FeedbackItemAccepted, RawFeedbackSubmitted, SafetyLinkTriggered
from .observation import ConferenceChecklistRecorded, MeetingObservationRecorded
from .observation import PracticeObservationRecorded
from .performance import LocalityIndicatorRecorded
from .privacy import SubjectErased
from .programme import CaseAllocated, CaseSampleDrawn, ModerationSampleDrawn
from .programme import ProgrammeMonthPlanned
from .retention import LegalHoldLifted, LegalHoldSet, RetentionRunRecorded
from .survey import StaffSurveyAnswered

EVENTS: tuple[type[EventData], ...] = (
    TeamUpserted,
    StaffMemberUpserted,
    ProgrammeMonthPlanned,
    CaseSampleDrawn,
    CaseAllocated,
    ModerationSampleDrawn,
    AuditDraftSaved,
    AuditSubmitted,
    SafeguardingConcernRaised,
    AuditResultsShared,
    AuditModerated,
    AuditGradeChanged,
    AuditSignedOff,
    ThemedAuditRecorded,
    PracticeObservationRecorded,
    MeetingObservationRecorded,
    ConferenceChecklistRecorded,
    FeedbackItemAccepted,
    SafetyLinkTriggered,
    RawFeedbackSubmitted,
    ComplaintRecorded,
    ActionRaised,
    ActionStatusChanged,
    ActionAssigned,
    ActionDueDateChanged,
    AlertRaised,
    BriefingSignedOff,
    StaffBriefingPublished,
    LocalityIndicatorRecorded,
    MeetingScheduled,
    MeetingHeld,
    MinutesSignedOff,
    DecisionRecorded,
    PriorityAgreed,
    ThemeEscalated,
    ThemeAnswered,
    MeetingCancelled,
    PlanExported,
    FindingsSummaryWritten,
    FindingsGroupSignedOff,
    ResultsDelivered,
    ReflectionRecorded,
    SupervisionSignedOff,
    EvidenceSignedOff,
    GoodPracticeAcknowledged,
    ChildProtectionPlansListed,
    LearningCircleRecorded,
    StaffSurveyAnswered,
    DevelopmentSessionDelivered,
    SubjectErased,
    PersonalDataRead,
    LegalHoldSet,
    LegalHoldLifted,
    RetentionRunRecorded,
)

BY_TYPE: dict[str, type[EventData]] = {model.event_type: model for model in EVENTS}
