"""The monthly findings: the head of quality writes the month's summary, a member of each
audit group signs it off (agree or comment), and the summary is fixed once any group has."""

from __future__ import annotations

from typing import Any

from shared.auth import Principal
from shared.http import current_correlation_id

from ..domain.findings import SignSummary, WriteSummary, decide_group_signoff, decide_summary
from ..domain.findings import signed_changes, summary_document
from .deps import Deps


async def write_summary(deps: Deps, month: str, command: WriteSummary,
                        who: Principal) -> tuple[dict[str, Any], bool]:
    """(summary, published). Locked once a group signed it off."""
    existing = await deps.findings.get(month)
    event = decide_summary(month, existing, command, by=who.subject, now=deps.clock.now())
    document = summary_document(event)
    if existing is None:
        published = await deps.findings.create(document, [event],
                                                correlation_id=current_correlation_id())
    else:
        changes = {k: v for k, v in document.items() if k != "_id"}
        published = await deps.findings.change(existing, changes, [event],
                                               correlation_id=current_correlation_id())
    return await _get(deps, month), published


async def sign(deps: Deps, summary: dict[str, Any], command: SignSummary,
               who: Principal) -> tuple[dict[str, Any], bool]:
    """NotAllowed (in no audit group), Locked (their group signed already)."""
    person = await deps.directory.active_person(who.subject)
    event = decide_group_signoff(summary, command, person=person, who=who.subject,
                                 now=deps.clock.now())
    published = await deps.findings.change(summary, signed_changes(summary, event), [event],
                                           correlation_id=current_correlation_id())
    return await _get(deps, summary["_id"]), published


async def get(deps: Deps, month: str) -> dict[str, Any] | None:
    return await deps.findings.get(month)


async def latest(deps: Deps) -> list[dict[str, Any]]:
    return await deps.findings.latest()


async def _get(deps: Deps, month: str) -> dict[str, Any]:
    summary = await deps.findings.get(month)
    assert summary is not None
    return summary
