"""Facts of the audit programme (qa.programme): planned months, case samples, allocations."""

from __future__ import annotations

from schemas.programme import CaseAllocated, CaseSampleDrawn, ProgrammeMonthPlanned

from .. import names
from .fact import Fact


def programme_facts(e: ProgrammeMonthPlanned) -> list[Fact]:
    return [Fact(names.PROGRAMME, e.month, {
        "month": e.month, "theme": e.theme, "audit_group": e.audit_group,
        "moderation_group": e.moderation_group, "improvement_group": e.improvement_group,
        "moderation_sample_size": e.moderation_sample_size})]


def sample_facts(e: CaseSampleDrawn) -> list[Fact]:
    return [Fact(names.SAMPLES, e.month, {"month": e.month, "size": e.size,
                                          "method": e.method})]


def allocation_facts(e: CaseAllocated) -> list[Fact]:
    return [Fact(names.ALLOCATIONS, e.allocation_id, {
        "month": e.month, "team_id": e.team_id, "deadline": e.deadline.isoformat(),
        "audit_id": e.audit_id, "social_worker_id": e.social_worker_id})]
