"""Reading audits (by month, auditor and status; an auditor's own; one audit, which only its
auditors or the head of quality may open to write in) and keeping an allocated audit's
draft."""

from __future__ import annotations

from datetime import date
from typing import Any

from shared.auth import Principal, Role
from shared.england_time import england_today
from shared.envelope import utc_now
from shared.http import current_correlation_id

from ..domain.audits import SHARED_STATUSES, shared_with
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
        # Worded without ids: the 403 page shows it to a person (issue 11, names not ids).
        raise NotAnAuditorOf("only this audit's allocated auditors and the head of quality "
                             "may open it; you are not one of its auditors")
    return audit


class NotSharedWith(PermissionError):
    """A social worker opening an audit that is not of their case, or not yet shared."""


async def open_shared_audit(deps: Deps, audit_id: str, *, reader: bool,
                            who: Principal) -> dict[str, Any]:
    """The audit for someone who reads audits (`reader`), or for the case's social worker once
    its results are shared with them (else NotSharedWith, as for an unknown audit: a worker
    learns nothing of audits that are not theirs)."""
    audit = await deps.audits.get(audit_id)
    if reader:
        if audit is None:
            raise UnknownAudit(audit_id)
        return audit
    if audit is None or not shared_with(audit, who.subject):
        raise NotSharedWith(f"no audit {audit_id} of your cases has been shared with you")
    return audit


async def audits_shared_with(deps: Deps, worker_id: str) -> list[dict[str, Any]]:
    """The audits of a worker's cases whose results are shared, the latest month first."""
    return await deps.audits.of_worker(worker_id, statuses=SHARED_STATUSES)


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
    return audit | {"late": is_late(status=audit["status"], today=england_today(),
                                    deadline=_as_date(deadline), on_time=audit.get("on_time"))}


def _as_date(value: Any) -> date | None:
    return date.fromisoformat(value) if isinstance(value, str) else value
