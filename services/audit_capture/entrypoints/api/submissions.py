"""Submitting an audit: the whole audit in one step (not allocated through the programme),
or an allocated audit's findings. Either way the results' copy goes to the line manager."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends, Header, HTTPException, Response, status

from shared.auth import Principal, allow
from shared.history import BadRecordedMoment, NotAHistoryLoader
from shared.http import PENDING_RESPONSE

from ...application.deps import Deps
from ...application.submissions import record_submission, submit_whole_audit
from ...domain.audits import AuditFindings, SubmitAudit
from ..deps import get_deps
from ..roles import AUDITORS
from .answers import invalid, load, recorded

router = APIRouter(prefix="/audits", tags=["audits"])


@router.post("", status_code=status.HTTP_201_CREATED, responses=PENDING_RESPONSE)
async def submit(
    command: SubmitAudit,
    response: Response,
    who: Principal = Depends(allow(*AUDITORS)),
    idempotency_key: str | None = Header(default=None, max_length=128),
    deps: Deps = Depends(get_deps),
) -> dict[str, str | bool]:
    """A whole audit in one request (not allocated through the programme). Loading history,
    an admin gives `submitted_at` (the token's roles must include admin beside auditor or head
    of quality)."""
    try:
        done = await submit_whole_audit(deps, command, who=who,
                                        idempotency_key=idempotency_key)
    except NotAHistoryLoader as refused:
        raise HTTPException(status.HTTP_403_FORBIDDEN, detail=str(refused)) from refused
    except BadRecordedMoment as wrong:
        raise invalid((["submitted_at"], str(wrong))) from wrong
    if done.again:
        response.status_code = status.HTTP_200_OK  # a retry of the same request
    if not done.published:
        response.status_code = status.HTTP_202_ACCEPTED
    return {"audit_id": done.audit_id, "status": "submitted", "published": done.published}


@router.post("/{audit_id}/submit", responses=PENDING_RESPONSE)
async def submit_allocated(
    audit_id: str, findings: AuditFindings, response: Response,
    who: Principal = Depends(allow(*AUDITORS)), deps: Deps = Depends(get_deps),
) -> dict[str, Any]:
    audit = await load(deps, audit_id, auditor=who)
    status_after, published, on_time = await record_submission(deps, audit, findings, who=who)
    return recorded(response, published, audit_id=audit_id, status=status_after.value,
                    on_time=on_time)
