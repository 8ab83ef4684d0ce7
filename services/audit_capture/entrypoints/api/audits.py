"""Reading audits (by month, auditor and status; an auditor's own allocations; one audit)
and keeping an allocated audit's draft."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter, Body, Depends, HTTPException, Query, Request, Response
from fastapi import status

from schemas.common import Month
from shared.auth import Principal, Role, allow
from shared.envelope import utc_now
from shared.http import PENDING_RESPONSE, current_correlation_id

from ...domain.drafts import draft_saved
from ...domain.lifecycle import Status, is_late, next_status
from .answers import AUDITORS, READERS, deps, not_found, recorded

router = APIRouter(prefix="/audits", tags=["audits"])


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
