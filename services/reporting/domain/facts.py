"""What reporting keeps of each event: counts and categories, no free text (pure)."""

from __future__ import annotations

from typing import Any

from schemas.action import ActionRaised
from schemas.audit import AuditSubmitted
from schemas.feedback import FeedbackItemAccepted


def audit_fact(event: AuditSubmitted) -> dict[str, Any]:
    return {
        "month": event.month,
        "team_id": event.team_id,
        "auditor_ids": event.auditor_ids,
        "social_worker_id": event.social_worker_id,
        "overall_grade": event.overall_grade.value,
        "standards": {str(s.standard): s.grade.value for s in event.standards},
        "impact_grade": event.impact.grade.value,
        "better_off": event.impact.better_off,
        "child_seen_alone": event.child_seen_alone,
        "child_view": event.child_view.status,
        "parent_view": event.parent_view.status,
        "on_time": event.on_time,
        "status": "submitted",
    }


def action_fact(event: ActionRaised) -> dict[str, Any]:
    return {
        "origin_kind": event.origin.kind,
        "origin_id": event.origin.id,
        "team_id": event.team_id,
        "owner_id": event.owner_id,
        "due_date": event.due_date.isoformat(),
        "raised_month": event.raised_at.strftime("%Y-%m"),
        "priority": event.priority.value,
        "status": "open",
    }


def feedback_fact(event: FeedbackItemAccepted) -> dict[str, Any]:
    return {
        "source": event.source,
        "month": event.received_on.strftime("%Y-%m"),
        "team_id": event.team_id,
        "themes": event.themes,
        "rating": event.rating,
        "revision": event.revision,
    }
