"""Value types several events share."""

from __future__ import annotations

import re
from enum import StrEnum
from typing import Annotated

from pydantic import AfterValidator

# Years 1900 to 9999: a month's arithmetic (a year back, its last day) stays in the calendar.
YEAR = r"(19\d\d|[2-9]\d{3})"
MONTH_PATTERN = re.compile(rf"^{YEAR}-(0[1-9]|1[0-2])$")


def _check_month(value: str) -> str:
    if not MONTH_PATTERN.match(value):
        raise ValueError("must be a month written YYYY-MM (1900 or later), for example 2026-11")
    return value


Month = Annotated[str, AfterValidator(_check_month)]


# The grade scale is defined here once: its order is the members' (`list(Grade)`), its words
# are `label`; other code uses these rather than spelling the scale again.
class Grade(StrEnum):
    """Ofsted's four-point scale, used for audit grades, best first."""

    OUTSTANDING = "outstanding"
    GOOD = "good"
    REQUIRES_IMPROVEMENT = "requires_improvement"
    INADEQUATE = "inadequate"

    @property
    def label(self) -> str:
        """As people read it."""
        return _GRADE_LABELS[self]

    @property
    def good_or_better(self) -> bool:
        return self in (Grade.OUTSTANDING, Grade.GOOD)


_GRADE_LABELS = {
    Grade.OUTSTANDING: "Outstanding",
    Grade.GOOD: "Good",
    Grade.REQUIRES_IMPROVEMENT: "Requires improvement to be good",
    Grade.INADEQUATE: "Inadequate",
}


class Priority(StrEnum):
    LOW = "low"
    NORMAL = "normal"
    HIGH = "high"
