"""Every event action tracking consumes, in one place."""

from __future__ import annotations

from schemas import topics
from schemas.action import ActionAssigned, ActionRaised, ActionStatusChanged
from schemas.alert import AlertRaised
from schemas.audit import AuditSubmitted, SafeguardingConcernRaised
from schemas.complaint import ComplaintRecorded
from schemas.directory import StaffMemberUpserted, TeamUpserted
from schemas.feedback import SafetyLinkTriggered
from schemas.observation import ConferenceChecklistRecorded, MeetingObservationRecorded
from schemas.observation import PracticeObservationRecorded
from schemas.programme import CaseAllocated
from shared.consumer import TopicRoutes

from ..application.deadlines import DeadlineHandlers
from ..application.directory import DirectoryHandlers
from ..application.findings import FindingHandlers
from ..application.urgent import UrgentHandlers
from ..application.webhooks import WebhookSender


def subscriptions(findings: FindingHandlers, deadlines: DeadlineHandlers,
                  directory: DirectoryHandlers, urgent: UrgentHandlers,
                  webhooks: WebhookSender) -> list[TopicRoutes]:
    async def on_audit_submitted(event: AuditSubmitted, envelope) -> None:
        await findings.on_audit_submitted(event, envelope)  # its actions
        await deadlines.on_audit_submitted(event, envelope)  # its audit window is met

    return [
        TopicRoutes(topics.DIRECTORY, {StaffMemberUpserted: directory.on_staff_member,
                                       TeamUpserted: directory.on_team}),
        TopicRoutes(topics.AUDIT, {AuditSubmitted: on_audit_submitted,
                                   SafeguardingConcernRaised: urgent.on_safeguarding}),
        TopicRoutes(topics.OBSERVATION, {
            PracticeObservationRecorded: findings.on_practice_observation,
            MeetingObservationRecorded: findings.on_meeting_observation,
            ConferenceChecklistRecorded: findings.on_conference_checklist,
        }),
        TopicRoutes(topics.PROGRAMME, {CaseAllocated: deadlines.on_case_allocated}),
        TopicRoutes(topics.COMPLAINT, {ComplaintRecorded: deadlines.on_complaint_recorded}),
        TopicRoutes(topics.FEEDBACK, {SafetyLinkTriggered: urgent.on_safety_link}),
        # Its own facts: deadlines follow actions, whichever way the action was changed.
        TopicRoutes(topics.ACTION, {ActionRaised: deadlines.on_action_raised,
                                    ActionAssigned: deadlines.on_action_assigned,
                                    ActionStatusChanged: deadlines.on_action_status_changed}),
        TopicRoutes(topics.ALERT, {AlertRaised: webhooks.on_alert}),
    ]
