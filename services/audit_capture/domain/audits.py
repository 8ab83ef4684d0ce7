"""The monthly "journey and impact" audit: what a complete audit holds, and submitting it (pure)."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Any

from pydantic import Field, model_validator

from schemas.audit import AuditedCase, AuditRecord, AuditResultsShared, AuditSubmitted
from schemas.audit import SafeguardingConcernRaised
from schemas.base import PersonalText
from shared.england_time import england_day
from shared.envelope import derived_id


class AuditFindings(AuditRecord):
    """What the auditor records (per standard, overall, impact, triangulation, actions), and
    a safeguarding concern, raised at once as its own fact rather than kept in the audit."""

    safeguarding_concern: PersonalText | None = None

    @model_validator(mode="after")
    def _each_standard_once(self) -> AuditFindings:
        if sorted(s.standard for s in self.standards) != [1, 2, 3, 4, 5, 6]:
            raise ValueError("standards must grade each of standards 1 to 6 exactly once")
        if self.child_seen_alone is False and not self.child_seen_alone_reason:
            raise ValueError("child_seen_alone_reason is required when the child was not seen alone")
        keys = [a.key for a in self.actions]
        if len(keys) != len(set(keys)):
            raise ValueError("each action needs its own key")
        return self


class SubmitAudit(AuditFindings, AuditedCase):
    """The one-step command: an audit that was not allocated through the programme."""

    submitted_at: datetime | None = Field(
        default=None, description="Loading history only (role admin): when the audit was in "
        "fact submitted, not in the future nor before its month began. Its actions are then "
        "raised at that moment, and it is on time against its deadline by that moment")


def submit_audit(
    command: SubmitAudit, *, audit_id: str, submitted_by: str, now: datetime,
    allocation_id: str | None = None, recorded_past: bool = False,
) -> tuple[AuditSubmitted, list[SafeguardingConcernRaised]]:
    """The submitted fact and any safeguarding concern, raised at once as its own fact.
    `now` is when it was submitted (`recorded_past`: a moment in the past, history loaded)."""
    fields = command.model_dump(exclude={"safeguarding_concern", "submitted_at"})
    fields["standards"] = sorted(fields["standards"], key=lambda s: s["standard"])
    submitted = AuditSubmitted(
        **fields, audit_id=audit_id, submitted_at=now, submitted_by=submitted_by,
        allocation_id=allocation_id, recorded_past=recorded_past,
        on_time=command.deadline is None or england_day(now) <= command.deadline,
    )
    concerns = []
    if command.safeguarding_concern:
        concerns.append(SafeguardingConcernRaised(
            concern_id=derived_id("safeguarding", audit_id), audit_id=audit_id,
            case_ref=command.case_ref, team_id=command.team_id, raised_by=submitted_by,
            summary=command.safeguarding_concern, raised_at=now,
        ))
    return submitted, concerns


# An audit's results are shared with the case's social worker when it is submitted
# (audit.results_shared), and stay shared through moderation and sign-off.
SHARED_STATUSES = ("submitted", "moderated", "signed_off")


def shared_with(audit: Mapping[str, Any], worker_id: str) -> bool:
    """Whether this audit's results have been shared with `worker_id`: the case's worker."""
    return audit.get("social_worker_id") == worker_id and audit.get("status") in SHARED_STATUSES


def results_shared(submitted: AuditSubmitted) -> AuditResultsShared:
    """On completion the results go to the social worker, a copy to their line manager."""
    return AuditResultsShared(
        audit_id=submitted.audit_id, month=submitted.month, team_id=submitted.team_id,
        social_worker_id=submitted.social_worker_id, line_manager_id=submitted.line_manager_id,
        overall_grade=submitted.overall_grade, impact_grade=submitted.impact.grade,
        shared_at=submitted.submitted_at, case_ref=submitted.case_ref,
        auditor_ids=submitted.auditor_ids,
        completed_with_caseworker=submitted.completed_with_caseworker,
    )
