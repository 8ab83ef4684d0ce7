"""Every event action tracking consumes, in one place, each handled by the application
with the service's Deps."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from functools import partial
from typing import Any

from schemas import topics
from schemas.action import ActionAssigned, ActionDueDateChanged, ActionRaised
from schemas.action import ActionStatusChanged
from schemas.alert import AlertRaised
from schemas.audit import AuditSubmitted, SafeguardingConcernRaised, ThemedAuditRecorded
from schemas.circles import LearningCircleRecorded
from schemas.complaint import ComplaintRecorded
from schemas.directory import StaffMemberUpserted, TeamUpserted
from schemas.feedback import SafetyLinkTriggered
from schemas.learn import SupervisionSignedOff
from schemas.learning import MinutesSignedOff
from schemas.observation import ConferenceChecklistRecorded, MeetingObservationRecorded
from schemas.observation import PracticeObservationRecorded
from schemas.programme import CaseAllocated
from shared.consumer import Handler, TopicRoutes
from shared.envelope import Envelope
from shared.personal_data.envelopes import PersonalData
from shared.personal_data.erasure_events import forget_erased_keys

from ..application import deadlines, directory, findings, urgent, webhooks
from ..application.deps import Deps


def subscriptions(deps: Deps, *, personal: PersonalData) -> list[TopicRoutes]:
    def bind(handler: Callable[[Deps, Any, Envelope], Awaitable[None]]) -> Handler:
        return partial(handler, deps)

    async def on_audit_submitted(event: AuditSubmitted, envelope: Envelope) -> None:
        await findings.on_audit_submitted(deps, event, envelope)  # its actions
        await deadlines.on_audit_submitted(deps, event, envelope)  # its audit window is met

    return [
        forget_erased_keys(personal),  # erasures: their keys forgotten at once
        TopicRoutes(topics.DIRECTORY, {StaffMemberUpserted: bind(directory.on_staff_member),
                                       TeamUpserted: bind(directory.on_team)}),
        TopicRoutes(topics.AUDIT, {AuditSubmitted: on_audit_submitted,
                                   SafeguardingConcernRaised: bind(urgent.on_safeguarding),
                                   ThemedAuditRecorded: bind(findings.on_themed_audit)}),
        TopicRoutes(topics.OBSERVATION, {
            PracticeObservationRecorded: bind(findings.on_practice_observation),
            MeetingObservationRecorded: bind(findings.on_meeting_observation),
            ConferenceChecklistRecorded: bind(findings.on_conference_checklist),
        }),
        TopicRoutes(topics.LEARNING, {MinutesSignedOff: bind(findings.on_meeting_minutes),
                                      SupervisionSignedOff: bind(findings.on_supervision),
                                      LearningCircleRecorded: bind(findings.on_learning_circle)}),
        TopicRoutes(topics.PROGRAMME, {CaseAllocated: bind(deadlines.on_case_allocated)}),
        TopicRoutes(topics.COMPLAINT,
                    {ComplaintRecorded: bind(deadlines.on_complaint_recorded)}),
        TopicRoutes(topics.FEEDBACK, {SafetyLinkTriggered: bind(urgent.on_safety_link)}),
        # Its own facts: deadlines follow actions, whichever way the action was changed.
        TopicRoutes(topics.ACTION, {
            ActionRaised: bind(deadlines.on_action_raised),
            ActionAssigned: bind(deadlines.on_action_assigned),
            ActionStatusChanged: bind(deadlines.on_action_status_changed),
            ActionDueDateChanged: bind(deadlines.on_action_due_date_changed),
        }),
        TopicRoutes(topics.ALERT, {AlertRaised: bind(webhooks.on_alert)}),
    ]
