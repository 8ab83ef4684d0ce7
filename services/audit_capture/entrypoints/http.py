"""HTTP commands and queries for audits."""

from __future__ import annotations

import uuid

from fastapi import APIRouter, Depends, Header, HTTPException, Request, Response, status

from shared.auth import Principal, Role, allow
from shared.envelope import derived_id, utc_now
from shared.http import PENDING_RESPONSE, current_correlation_id
from shared.outbox import VersionConflict

from ..domain.audits import SubmitAudit, submit_audit

router = APIRouter(prefix="/audits", tags=["audits"])

READERS = (Role.AUDITOR, Role.MODERATOR, Role.HEAD_OF_QUALITY, Role.TEAM_MANAGER,
           Role.HEAD_OF_SERVICE, Role.PRINCIPAL_SOCIAL_WORKER, Role.PRACTICE_LEARNING_TEAM)


@router.post("", status_code=status.HTTP_201_CREATED, responses=PENDING_RESPONSE)
async def submit(
    command: SubmitAudit,
    request: Request,
    response: Response,
    who: Principal = Depends(allow(Role.AUDITOR, Role.HEAD_OF_QUALITY)),
    idempotency_key: str | None = Header(default=None, max_length=128),
) -> dict[str, str | bool]:
    deps = request.app.state.deps
    audit_id = (derived_id("audit", who.subject, idempotency_key) if idempotency_key
                else str(uuid.uuid4()))
    submitted, concerns = submit_audit(command, audit_id=audit_id, submitted_by=who.subject,
                                       now=utc_now())
    correlation = current_correlation_id()
    events = [(fact, deps.publisher.envelope(fact, correlation_id=correlation))
              for fact in (submitted, *concerns)]
    try:
        published = await deps.audits.add_submitted(submitted, events,
                                                    idempotency_key=idempotency_key)
    except VersionConflict:
        if idempotency_key is None:
            raise
        published = await deps.outbox.flush("audits", audit_id)  # a retry of the same request
        response.status_code = status.HTTP_200_OK
    if not published:
        response.status_code = status.HTTP_202_ACCEPTED
    return {"audit_id": audit_id, "status": "submitted", "published": published}


@router.get("/{audit_id}")
async def get_audit(
    audit_id: str, request: Request, _: Principal = Depends(allow(*READERS))
) -> dict:
    audit = await request.app.state.deps.audits.get(audit_id)
    if audit is None:
        raise HTTPException(status.HTTP_404_NOT_FOUND, detail=f"no audit {audit_id}")
    return audit
