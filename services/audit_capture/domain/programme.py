"""The annual audit programme: a theme per month, the groups' duties from the rotation (pure)."""

from __future__ import annotations

from pydantic import BaseModel, Field

from schemas.common import Month
from schemas.programme import ProgrammeMonthPlanned

from .months import add_months
from .rotation import PlannedDuty, rotation


class PlanProgramme(BaseModel):
    first_month: Month = Field(description="Month one of the rotation, e.g. 2026-04")
    themes: list[str] = Field(min_length=1, max_length=12,
                              description="One theme per month, from the first month on")
    moderation_sample_size: int = Field(default=3, ge=0, le=100,
                                        description="Audits moderated each month")


def last_month_of(command: PlanProgramme) -> str:
    return add_months(command.first_month, len(command.themes) - 1)


def plan_programme(command: PlanProgramme, *, planned_by: str,
                   before: PlannedDuty | None = None,
                   after: PlannedDuty | None = None) -> list[ProgrammeMonthPlanned]:
    """The programme's months; the rotation continues from `before` (the last month planned
    before this programme) or, with none, counts back from `after` (the first planned after
    it), so no group audits two months running where programmes meet."""
    planned = []
    for offset, theme in enumerate(command.themes):
        month = add_months(command.first_month, offset)
        duty = rotation(month, first_month=command.first_month, before=before, after=after)
        planned.append(ProgrammeMonthPlanned(
            month=month, theme=theme.strip() or "Journey and impact",
            audit_group=duty.audit_group, moderation_group=duty.moderation_group,
            improvement_group=duty.improvement_group,
            moderation_sample_size=command.moderation_sample_size,
            programme_id=command.first_month, planned_by=planned_by,
        ))
    return planned
