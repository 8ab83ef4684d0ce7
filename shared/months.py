"""Month arithmetic on "YYYY-MM" strings (pure): reporting's periods and the demo loader."""

from __future__ import annotations

import calendar
from datetime import date


def shift(month: str, by: int) -> str:
    year, mon = (int(p) for p in month.split("-"))
    index = year * 12 + (mon - 1) + by
    return f"{index // 12:04d}-{index % 12 + 1:02d}"


def months_back(month: str, count: int) -> list[str]:
    """`count` months ending with `month`, oldest first."""
    return [shift(month, -n) for n in range(count - 1, -1, -1)]


def last_day(month: str) -> date:
    year, mon = (int(p) for p in month.split("-"))
    return date(year, mon, calendar.monthrange(year, mon)[1])
