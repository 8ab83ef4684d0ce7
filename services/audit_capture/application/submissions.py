"""Submitting an audit: the whole audit in one step (not allocated through the programme),
or an allocated audit's findings. Either way the results' copy goes to the line manager."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import UTC, datetime, time
from typing import Any

from shared.auth import Principal
from shared.envelope import derived_id, utc_now
from shared.history import recorded_moment
from shared.http import current_correlation_id
from shared.outbox import VersionConflict

from ..domain.audits import AuditFindings, SubmitAudit, results_shared, submit_audit
from ..domain.lifecycle import Status, next_status
from ..domain.months import first_day
from .deps import Deps


@dataclass(frozen=True)
class Submitted:
    audit_id: str
    published: bool
    again: bool  # the same idempotency key again: nothing new recorded


async def submit_whole_audit(deps: Deps, command: SubmitAudit, *, who: Principal,
                             idempotency_key: str | None) -> Submitted:
    """A whole audit in one request; the same idempotency key again publishes what the
    first attempt left in the outbox and records nothing new. History loaded afterwards
    carries `submitted_at` (NotAHistoryLoader, BadRecordedMoment: shared/history.py)."""
    audit_id = (derived_id("audit", who.subject, idempotency_key) if idempotency_key
                else str(uuid.uuid4()))
    now = utc_now()
    if command.submitted_at is not None:
        month_began = datetime.combine(first_day(command.month), time(), UTC)
        now = recorded_moment(who, command.submitted_at, now=now, not_before=month_began,
                              what_before=f"the audit's month ({command.month}) began")
    command = await _with_line_manager(deps, command)
    submitted, concerns = submit_audit(command, audit_id=audit_id, submitted_by=who.subject,
                                       now=now, recorded_past=command.submitted_at is not None)
    try:
        published = await deps.audits.add_submitted(
            submitted, [submitted, *concerns, results_shared(submitted)],
            idempotency_key=idempotency_key, correlation_id=current_correlation_id())
    except VersionConflict:
        if idempotency_key is None:
            raise
        return Submitted(audit_id, await deps.audits.publish_pending(audit_id), again=True)
    return Submitted(audit_id, published, again=False)


async def record_submission(deps: Deps, audit: dict[str, Any], findings: AuditFindings, *,
                            who: Principal) -> tuple[Status, bool, bool]:
    """Submit an allocated audit: (its new status, published, on time)."""
    status_after = next_status(audit["status"], "submit")
    command = await _with_line_manager(deps, SubmitAudit(
        **findings.model_dump(), month=audit["month"], case_ref=audit["case_ref"],
        team_id=audit["team_id"], auditor_ids=audit["auditor_ids"], deadline=audit["deadline"]))
    submitted, concerns = submit_audit(command, audit_id=audit["_id"], submitted_by=who.subject,
                                       now=utc_now(), allocation_id=audit["allocation_id"])
    changes = {**submitted.model_dump(mode="json"), "status": status_after.value, "draft": None}
    published = await deps.audits.change(audit, changes,
                                         [submitted, *concerns, results_shared(submitted)],
                                         correlation_id=current_correlation_id())
    return status_after, published, submitted.on_time


async def _with_line_manager(deps: Deps, command: SubmitAudit) -> SubmitAudit:
    """The results' copy goes to the social worker's line manager, from the directory."""
    if command.line_manager_id:
        return command
    manager = await deps.staff.line_manager_of(command.social_worker_id)
    return command.model_copy(update={"line_manager_id": manager}) if manager else command
