"""The three audit groups' rotation, exactly as the framework's table (section 2):

    month one:   group 1 audit, group 2 moderation, group 3 improvement
    month two:   group 3 audit, group 1 moderation, group 2 improvement
    month three: group 2 audit, group 3 moderation, group 1 improvement

then the cycle repeats. The cycle never restarts: a month no programme planned, and a new
programme's first month, continue from the nearest planned month (the last one before, else
the first one after), so no group audits two months running across a programme's edge. Only
when nothing is planned does the calendar anchor (the first month given) count.
"""

from __future__ import annotations

from dataclasses import dataclass

from .months import month_index

CYCLE = ((1, 2, 3), (3, 1, 2), (2, 3, 1))


@dataclass(frozen=True)
class Rotation:
    month: str
    cycle_month: int  # 1, 2 or 3: the row of the framework's table
    audit_group: int
    moderation_group: int
    improvement_group: int

    def duty_of(self, group: int) -> str:
        return {self.audit_group: "audit", self.moderation_group: "moderation",
                self.improvement_group: "improvement"}[group]


@dataclass(frozen=True)
class PlannedDuty:
    """A month whose groups are known (a planned month): the cycle continues from it."""

    month: str
    audit_group: int


def _row(position: int, month: str) -> Rotation:
    audit, moderation, improvement = CYCLE[position]
    return Rotation(month=month, cycle_month=position + 1, audit_group=audit,
                    moderation_group=moderation, improvement_group=improvement)


def rotation(month: str, *, first_month: str,
             before: PlannedDuty | None = None, after: PlannedDuty | None = None) -> Rotation:
    """Which group audits, moderates and improves in `month`: continuing from `before` (the
    last planned month before it), else counted back from `after` (the first planned month
    after it), else counted from `first_month` (month one of the table)."""
    anchor = before or after
    if anchor is None:
        return _row((month_index(month) - month_index(first_month)) % 3, month)
    start = next(i for i, row in enumerate(CYCLE) if row[0] == anchor.audit_group)
    return _row((start + month_index(month) - month_index(anchor.month)) % 3, month)
