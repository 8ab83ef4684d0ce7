"""Every event reporting consumes, in one place."""

from __future__ import annotations

from schemas import topics
from schemas.action import ActionRaised, ActionStatusChanged
from schemas.audit import AuditSubmitted
from schemas.feedback import FeedbackItemAccepted, SafetyLinkTriggered
from shared.consumer import TopicRoutes

from ..handlers.projections import ProjectionHandlers


def subscriptions(projections: ProjectionHandlers) -> list[TopicRoutes]:
    return [
        TopicRoutes(topics.AUDIT, {AuditSubmitted: projections.on_audit_submitted}),
        TopicRoutes(topics.ACTION, {
            ActionRaised: projections.on_action_raised,
            ActionStatusChanged: projections.on_action_status_changed,
        }),
        TopicRoutes(topics.FEEDBACK, {
            FeedbackItemAccepted: projections.on_feedback_item,
            SafetyLinkTriggered: projections.on_safety_link,
        }),
    ]
