"""Reading audits (by month, auditor and status; an auditor's own allocations; one audit)
and keeping an allocated audit's draft."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Body, Depends, HTTPException, Query, Response, status
from fastapi.exceptions import RequestValidationError

from schemas.common import Month
from shared.auth import Principal, allow
from shared.http import PENDING_RESPONSE
from shared.personal_data.access_log import Reads, records_reads

from ...application.audits import NotSharedWith, allocated_to, audits_matching
from ...application.audits import audits_shared_with, open_shared_audit, record_draft
from ...application.audits import with_lateness
from ...application.deps import Deps
from ...domain.drafts import unstorable_names
from ...domain.lifecycle import Status
from ..deps import get_deps
from ..roles import AUDITORS, READERS, WORKERS
from .answers import load, recorded

router = APIRouter(prefix="/audits", tags=["audits"])


@router.get("")
async def list_audits(
    month: Annotated[Month | None, Query()] = None,
    auditor_id: str | None = None,
    audit_status: Annotated[Status | None, Query(alias="status")] = None,
    late: bool | None = None,
    who: Principal = Depends(allow(*READERS)),
    deps: Deps = Depends(get_deps),
    reads: Reads = Depends(records_reads),
) -> list[dict[str, Any]]:
    """Audits by month, auditor and status; `late=true` lists those past their window."""
    found = await audits_matching(deps, month=month, auditor_id=auditor_id, status=audit_status,
                                  late=late)
    await reads.children(who, [(a.get("case_ref"), a.get("_id")) for a in found])
    return found


@router.get("/mine")
async def my_allocations(
    who: Principal = Depends(allow(*AUDITORS)), deps: Deps = Depends(get_deps),
) -> list[dict[str, Any]]:
    return await allocated_to(deps, who.subject)


@router.get("/of-my-cases")
async def audits_of_my_cases(
    who: Principal = Depends(allow(*WORKERS)), deps: Deps = Depends(get_deps),
    reads: Reads = Depends(records_reads),
) -> list[dict[str, Any]]:
    """A social worker's: the audits of their cases whose results are shared with them."""
    found = [with_lateness(a) for a in await audits_shared_with(deps, who.subject)]
    await reads.children(who, [(a.get("case_ref"), a.get("_id")) for a in found])
    return found


@router.get("/{audit_id}")
async def get_audit(audit_id: str, who: Principal = Depends(allow(*READERS, *WORKERS)),
                    deps: Deps = Depends(get_deps),
                    reads: Reads = Depends(records_reads)) -> dict:
    """One audit: for those who read audits, and for the case's social worker once its
    results are shared with them (403 otherwise)."""
    if not who.has_any(frozenset(READERS)):
        try:
            audit = await open_shared_audit(deps, audit_id, who=who, reader=False)
        except NotSharedWith as refused:
            raise HTTPException(status.HTTP_403_FORBIDDEN, detail=str(refused)) from None
    else:
        audit = await load(deps, audit_id)
    await reads.child(who, audit.get("case_ref"), record_id=audit_id)
    return with_lateness(audit)


@router.put("/{audit_id}/draft", responses=PENDING_RESPONSE)
async def save_draft(
    audit_id: str, response: Response,
    draft: Annotated[dict[str, Any], Body(description="Whatever has been typed so far")],
    who: Principal = Depends(allow(*AUDITORS)),
    deps: Deps = Depends(get_deps),
) -> dict[str, Any]:
    if unstorable := unstorable_names(draft):
        raise RequestValidationError([{
            "loc": ("body", *path), "type": "value_error",
            "msg": "a field name may not start with $ or contain a dot"} for path in unstorable])
    audit = await load(deps, audit_id, auditor=who)
    status_after, published = await record_draft(deps, audit, draft, who=who)
    return recorded(response, published, audit_id=audit_id, status=status_after.value)
