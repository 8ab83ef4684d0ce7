"""Allocating a selected case to an auditor (or a pair) for the month (pure).

Only members of the month's audit group may be allocated, one case each per month, within
a two-week window that ends on the deadline.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, timedelta

from pydantic import BaseModel, Field, field_validator

from schemas.base import CaseReference, Id
from schemas.programme import CaseAllocated

from .months import first_day, month_of

WINDOW = timedelta(days=14)


class AllocationRefused(Exception):
    def __init__(self, field: str, message: str, *, conflict: bool = False) -> None:
        super().__init__(message)
        self.field = field
        self.conflict = conflict  # 409 (the month's state) rather than 422 (the request)


class AllocateCase(BaseModel):
    case_ref: CaseReference
    team_id: Id
    category: str | None = None
    social_worker_id: Id | None = None
    auditor_ids: list[Id] = Field(min_length=1, max_length=2, description="One, or a pair")
    window_starts_on: date | None = Field(default=None, description="Defaults to the 1st")

    @field_validator("auditor_ids")
    @classmethod
    def _distinct(cls, value: list[str]) -> list[str]:
        if len(set(value)) != len(value):
            raise ValueError("a pair needs two different auditors")
        return value


def window(month: str, starts_on: date | None) -> tuple[date, date]:
    start = starts_on or first_day(month)
    if month_of(start) != month:
        raise AllocationRefused("window_starts_on", f"the window must start in {month}")
    return start, start + WINDOW - timedelta(days=1)


def allocate(
    command: AllocateCase, *, month: str, audit_group: int, groups: Mapping[str, int | None],
    already_allocated: set[str], allocation_id: str, allocated_by: str,
) -> CaseAllocated:
    """`groups`: each auditor's audit group from the directory (missing if unknown)."""
    for auditor in command.auditor_ids:
        if auditor not in groups:
            raise AllocationRefused("auditor_ids", f"{auditor} is not in the staff directory")
        if groups[auditor] != audit_group:
            raise AllocationRefused(
                "auditor_ids", f"{auditor} is not in audit group {audit_group}, which audits "
                               f"in {month} (they are in group {groups[auditor] or 'none'})")
        if auditor in already_allocated:
            raise AllocationRefused("auditor_ids", f"{auditor} already has a case in {month}",
                                    conflict=True)
    starts, deadline = window(month, command.window_starts_on)
    return CaseAllocated(
        allocation_id=allocation_id, audit_id=allocation_id, month=month,
        case_ref=command.case_ref, team_id=command.team_id, category=command.category,
        social_worker_id=command.social_worker_id, auditor_ids=command.auditor_ids,
        window_starts_on=starts, deadline=deadline, allocated_by=allocated_by,
    )
