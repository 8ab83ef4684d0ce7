"""HTTP commands and queries for audits: the one-step submission, and the lifecycle of an
allocated audit (drafts, submission, moderation, sign-off)."""

from __future__ import annotations

import uuid
from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter, Body, Depends, Header, HTTPException, Query, Request, Response
from fastapi import status

from schemas.common import Month
from shared.auth import Principal, Role, allow
from shared.envelope import derived_id, utc_now
from shared.http import PENDING_RESPONSE, current_correlation_id
from shared.outbox import VersionConflict

from ..domain.audits import AuditFindings, SubmitAudit, results_shared, submit_audit
from ..domain.drafts import draft_saved
from ..domain.lifecycle import Status, is_late, next_status
from .common import READERS, deps, not_found, recorded

router = APIRouter(prefix="/audits", tags=["audits"])
AUDITORS = (Role.AUDITOR, Role.HEAD_OF_QUALITY)


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


@router.get("")
async def list_audits(
    request: Request,
    month: Annotated[Month | None, Query()] = None,
    auditor_id: str | None = None,
    audit_status: Annotated[Status | None, Query(alias="status")] = None,
    late: bool | None = None,
    _: Principal = Depends(allow(*READERS)),
) -> list[dict[str, Any]]:
    """Audits by month, auditor and status; `late=true` lists those past their window."""
    query: dict[str, Any] = {}
    if month:
        query["month"] = month
    if auditor_id:
        query["auditor_ids"] = auditor_id
    if audit_status:
        query["status"] = audit_status.value
    audits = [with_lateness(a) for a in await deps(request).audits.find(query)]
    return [a for a in audits if late is None or a["late"] == late]


@router.get("/mine")
async def my_allocations(
    request: Request, who: Principal = Depends(allow(*AUDITORS))
) -> list[dict[str, Any]]:
    audits = await deps(request).audits.find({"auditor_ids": who.subject}, sort="deadline")
    return [with_lateness(a) for a in audits]


@router.get("/{audit_id}")
async def get_audit(audit_id: str, request: Request,
                    _: Principal = Depends(allow(*READERS))) -> dict:
    return with_lateness(await load(request, audit_id))


@router.put("/{audit_id}/draft", responses=PENDING_RESPONSE)
async def save_draft(
    audit_id: str, request: Request, response: Response,
    draft: Annotated[dict[str, Any], Body(description="Whatever has been typed so far")],
    who: Principal = Depends(allow(*AUDITORS)),
) -> dict[str, Any]:
    audit = await load(request, audit_id, auditor=who)
    status_after, published = await record_draft(deps(request), audit, draft, who=who)
    return recorded(response, published, audit_id=audit_id, status=status_after.value)


async def record_draft(d: Any, audit: dict, draft: dict[str, Any], *,
                       who: Principal) -> tuple[Status, bool]:
    """Keep what was typed; tell others only which standards are graded so far."""
    status_after = next_status(audit["status"], "save a draft of")
    now = utc_now()
    published = await d.audits.change(
        audit, {"status": status_after.value, "draft": draft, "draft_saved_at": now},
        [draft_saved(audit, draft, saved_by=who.subject, now=now)],
        correlation_id=current_correlation_id())
    return status_after, published


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


async def load(request: Request, audit_id: str, *, auditor: Principal | None = None) -> dict:
    audit = await deps(request).audits.get(audit_id)
    if audit is None:
        raise not_found(f"audit {audit_id}")
    if auditor and Role.HEAD_OF_QUALITY not in auditor.roles \
            and auditor.subject not in audit["auditor_ids"]:
        raise HTTPException(status.HTTP_403_FORBIDDEN,
                            detail=f"{auditor.subject} is not an auditor of {audit_id}")
    return audit


def with_lateness(audit: dict[str, Any]) -> dict[str, Any]:
    deadline = audit.get("deadline")
    return audit | {"late": is_late(status=audit["status"], today=utc_now().date(),
                                    deadline=_as_date(deadline), on_time=audit.get("on_time"))}


def _as_date(value: Any) -> date | None:
    return date.fromisoformat(value) if isinstance(value, str) else value


async def _with_line_manager(d: Any, command: SubmitAudit) -> SubmitAudit:
    """The results' copy goes to the social worker's line manager, from the directory."""
    if command.line_manager_id:
        return command
    manager = await d.staff.line_manager_of(command.social_worker_id)
    return command.model_copy(update={"line_manager_id": manager}) if manager else command
