"""A moderation event as audit capture publishes it, for the services that consume it."""

from __future__ import annotations

from datetime import UTC, datetime

from schemas.audit import AuditModerated, StandardModeration

from .factories import uid, unique_month


def audit_moderated(**overrides) -> AuditModerated:
    fields = dict(
        moderation_id=uid("mod"), audit_id=uid("audit"), month=unique_month(),
        team_id=uid("team"), auditor_ids=[uid("auditor")], moderator_id=uid("moderator"),
        standards=[StandardModeration(standard=n, agree=True) for n in range(1, 7)],
        overall_agree=True, overall_grade="good", agreed_count=7,
        moderated_at=datetime.now(UTC))
    return AuditModerated(**(fields | overrides))
