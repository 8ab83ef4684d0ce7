"""The three audit groups' rotation, exactly as the framework's table (section 2):

    month one:   group 1 audit, group 2 moderation, group 3 improvement
    month two:   group 3 audit, group 1 moderation, group 2 improvement
    month three: group 2 audit, group 3 moderation, group 1 improvement

then the cycle repeats, counted from the programme's first month.
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


def rotation(month: str, *, first_month: str) -> Rotation:
    """Which group audits, moderates and improves in `month` (before the first month too)."""
    position = (month_index(month) - month_index(first_month)) % 3
    audit, moderation, improvement = CYCLE[position]
    return Rotation(month=month, cycle_month=position + 1, audit_group=audit,
                    moderation_group=moderation, improvement_group=improvement)
