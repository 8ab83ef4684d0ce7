"""Reading audits (by month, auditor and status; an auditor's own; one audit, which only its
auditors or the head of quality may open to write in) and keeping an allocated audit's
draft."""

from __future__ import annotations

from datetime import date
from typing import Any

from shared.auth import Principal, Role
from shared.envelope import utc_now
from shared.http import current_correlation_id

from ..domain.drafts import draft_saved
from ..domain.lifecycle import Status, is_late, next_status
from .deps import Deps


class UnknownAudit(LookupError):
    def __init__(self, audit_id: str) -> None:
        super().__init__(f"audit {audit_id}")


class NotAnAuditorOf(PermissionError):
    """Someone who is neither one of the audit's auditors nor the head of quality."""


async def open_audit(deps: Deps, audit_id: str, *,
                     auditor: Principal | None = None) -> dict[str, Any]:
    """The audit (UnknownAudit); given `auditor`, only for one of its auditors or the head
    of quality (NotAnAuditorOf)."""
    audit = await deps.audits.get(audit_id)
    if audit is None:
        raise UnknownAudit(audit_id)
    if auditor and Role.HEAD_OF_QUALITY not in auditor.roles \
            and auditor.subject not in audit["auditor_ids"]:
        raise NotAnAuditorOf(f"{auditor.subject} is not an auditor of {audit_id}")
    return audit


async def audits_matching(deps: Deps, *, month: str | None, auditor_id: str | None,
                          status: Status | None, late: bool | None) -> list[dict[str, Any]]:
    """Audits by month, auditor and status; `late` keeps those past their window (or not)."""
    found = await deps.audits.matching(month=month, auditor_id=auditor_id,
                                       status=status.value if status else None)
    audits = [with_lateness(a) for a in found]
    return [a for a in audits if late is None or a["late"] == late]


async def allocated_to(deps: Deps, auditor_id: str) -> list[dict[str, Any]]:
    """An auditor's audits, the nearest deadline first, late ones marked."""
    return [with_lateness(a) for a in await deps.audits.allocated_to(auditor_id)]


async def audits_of_month(deps: Deps, month: str) -> list[dict[str, Any]]:
    return await deps.audits.of_month(month)


async def record_draft(deps: Deps, audit: dict[str, Any], draft: dict[str, Any], *,
                       who: Principal) -> tuple[Status, bool]:
    """Keep what was typed; tell others only which standards are graded so far."""
    status_after = next_status(audit["status"], "save a draft of")
    now = utc_now()
    published = await deps.audits.change(
        audit, {"status": status_after.value, "draft": draft, "draft_saved_at": now},
        [draft_saved(audit, draft, saved_by=who.subject, now=now)],
        correlation_id=current_correlation_id())
    return status_after, published


def with_lateness(audit: dict[str, Any]) -> dict[str, Any]:
    deadline = audit.get("deadline")
    return audit | {"late": is_late(status=audit["status"], today=utc_now().date(),
                                    deadline=_as_date(deadline), on_time=audit.get("on_time"))}


def _as_date(value: Any) -> date | None:
    return date.fromisoformat(value) if isinstance(value, str) else value
