"""Allocating a sampled case to an auditor or a pair of the month's audit group: the
audit's first state, shared by the JSON API and the planning page."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from shared.auth import Principal
from shared.envelope import derived_id
from shared.http import current_correlation_id
from shared.outbox import VersionConflict

from ..domain.allocation import AllocateCase, AllocationRefused, allocate
from .deps import Deps
from .programme import planned_month


@dataclass(frozen=True)
class Allocated:
    allocation_id: str
    published: bool
    again: bool  # the same allocation asked for twice: nothing new recorded
    window_starts_on: date | None = None
    deadline: date | None = None


async def record_allocation(deps: Deps, month: str, command: AllocateCase, *,
                            who: Principal) -> Allocated:
    """One case per auditor (or pair) from the month's audit group (AllocationRefused)."""
    planned = await planned_month(deps, month)
    allocation_id = derived_id("allocation", month, command.case_ref)
    existing = await deps.audits.get(allocation_id)
    if existing and sorted(existing["auditor_ids"]) == sorted(command.auditor_ids):
        return Allocated(allocation_id, published=True, again=True)
    if existing:
        raise AllocationRefused("case_ref", f"{command.case_ref} is already allocated in {month}",
                                conflict=True)
    fact = allocate(command, month=month, audit_group=planned["audit_group"],
                    groups=await deps.staff.audit_groups_of(command.auditor_ids),
                    already_allocated=await deps.audits.allocated_auditors(month),
                    allocation_id=allocation_id, allocated_by=who.subject)
    document = {"_id": allocation_id, "status": "allocated", "draft": None,
                **fact.model_dump(mode="json")}
    try:
        published = await deps.audits.create(document, [fact],
                                             correlation_id=current_correlation_id())
    except VersionConflict as error:
        raise AllocationRefused("case_ref", f"{command.case_ref} was allocated at the same "
                                            "moment", conflict=True) from error
    return Allocated(allocation_id, published=published, again=False,
                     window_starts_on=fact.window_starts_on, deadline=fact.deadline)
