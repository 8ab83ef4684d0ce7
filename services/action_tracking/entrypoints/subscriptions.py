"""Every event action tracking consumes, in one place."""

from __future__ import annotations

from schemas import topics
from schemas.audit import AuditSubmitted
from schemas.observation import MeetingObservationRecorded, PracticeObservationRecorded
from shared.consumer import TopicRoutes

from ..handlers.findings import FindingHandlers


def subscriptions(findings: FindingHandlers) -> list[TopicRoutes]:
    return [
        TopicRoutes(topics.AUDIT, {AuditSubmitted: findings.on_audit_submitted}),
        TopicRoutes(topics.OBSERVATION, {
            PracticeObservationRecorded: findings.on_practice_observation,
            MeetingObservationRecorded: findings.on_meeting_observation,
        }),
    ]
