"""Months and quarters as reporting names them: "2026-11" and "2026-Q4" (pure)."""

from __future__ import annotations

import re
from datetime import date, datetime

from schemas.common import YEAR
from shared.england_time import england_day
from shared.months import last_day, months_back, shift

__all__ = ["first_day", "last_day", "month_of", "months_back", "quarter_months",
           "quarter_of", "shift"]

QUARTER_PATTERN = re.compile(rf"^{YEAR}-Q[1-4]$")


def quarter_months(quarter: str) -> list[str]:
    year, q = quarter.split("-Q")
    first = (int(q) - 1) * 3 + 1
    return [f"{year}-{m:02d}" for m in range(first, first + 3)]


def quarter_of(month: str) -> str:
    year, mon = month.split("-")
    return f"{year}-Q{(int(mon) - 1) // 3 + 1}"


def first_day(month: str) -> date:
    return date.fromisoformat(f"{month}-01")


def month_of(day: date | datetime) -> str:
    """The month of a day, or of a moment as it was in England."""
    return (england_day(day) if isinstance(day, datetime) else day).strftime("%Y-%m")


def months_between(first: str, last: str) -> list[str]:
    """Every month from `first` to `last`, both included (empty if `first` is later)."""
    out, month = [], first
    while month <= last and len(out) < 1200:
        out.append(month)
        month = shift(month, 1)
    return out
