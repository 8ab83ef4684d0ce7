"""Submitting an audit: the whole audit in one step (not allocated through the programme),
or an allocated audit's findings. Either way the results' copy goes to the line manager."""

from __future__ import annotations

import uuid
from typing import Any

from fastapi import APIRouter, Depends, Header, Request, Response
from fastapi import status

from shared.auth import Principal, allow
from shared.envelope import derived_id, utc_now
from shared.http import PENDING_RESPONSE, current_correlation_id
from shared.outbox import VersionConflict

from ...domain.audits import AuditFindings, SubmitAudit, results_shared, submit_audit
from ...domain.lifecycle import Status, next_status
from .audits import load
from .answers import AUDITORS, deps, recorded

router = APIRouter(prefix="/audits", tags=["audits"])


@router.post("", status_code=status.HTTP_201_CREATED, responses=PENDING_RESPONSE)
async def submit(
    command: SubmitAudit,
    request: Request,
    response: Response,
    who: Principal = Depends(allow(*AUDITORS)),
    idempotency_key: str | None = Header(default=None, max_length=128),
) -> dict[str, str | bool]:
    """A whole audit in one request (not allocated through the programme)."""
    d = deps(request)
    audit_id = (derived_id("audit", who.subject, idempotency_key) if idempotency_key
                else str(uuid.uuid4()))
    command = await _with_line_manager(d, command)
    submitted, concerns = submit_audit(command, audit_id=audit_id, submitted_by=who.subject,
                                       now=utc_now())
    correlation = current_correlation_id()
    events = [(fact, d.publisher.envelope(fact, correlation_id=correlation))
              for fact in (submitted, *concerns, results_shared(submitted))]
    try:
        published = await d.audits.add_submitted(submitted, events,
                                                 idempotency_key=idempotency_key)
    except VersionConflict:
        if idempotency_key is None:
            raise
        published = await d.outbox.flush("audits", audit_id)  # a retry of the same request
        response.status_code = status.HTTP_200_OK
    if not published:
        response.status_code = status.HTTP_202_ACCEPTED
    return {"audit_id": audit_id, "status": "submitted", "published": published}


@router.post("/{audit_id}/submit", responses=PENDING_RESPONSE)
async def submit_allocated(
    audit_id: str, findings: AuditFindings, request: Request, response: Response,
    who: Principal = Depends(allow(*AUDITORS)),
) -> dict[str, Any]:
    audit = await load(request, audit_id, auditor=who)
    status_after, published, on_time = await record_submission(deps(request), audit, findings,
                                                               who=who)
    return recorded(response, published, audit_id=audit_id, status=status_after.value,
                    on_time=on_time)


async def record_submission(d: Any, audit: dict, findings: AuditFindings, *,
                            who: Principal) -> tuple[Status, bool, bool]:
    """Submit an allocated audit: (its new status, published, on time)."""
    status_after = next_status(audit["status"], "submit")
    command = await _with_line_manager(d, SubmitAudit(
        **findings.model_dump(), month=audit["month"], case_ref=audit["case_ref"],
        team_id=audit["team_id"], auditor_ids=audit["auditor_ids"], deadline=audit["deadline"]))
    submitted, concerns = submit_audit(command, audit_id=audit["_id"], submitted_by=who.subject,
                                       now=utc_now(), allocation_id=audit["allocation_id"])
    changes = {**submitted.model_dump(mode="json"), "status": status_after.value, "draft": None}
    published = await d.audits.change(audit, changes,
                                      [submitted, *concerns, results_shared(submitted)],
                                      correlation_id=current_correlation_id())
    return status_after, published, submitted.on_time


async def _with_line_manager(d: Any, command: SubmitAudit) -> SubmitAudit:
    """The results' copy goes to the social worker's line manager, from the directory."""
    if command.line_manager_id:
        return command
    manager = await d.staff.line_manager_of(command.social_worker_id)
    return command.model_copy(update={"line_manager_id": manager}) if manager else command
