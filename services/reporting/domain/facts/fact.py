"""The shape every fact function returns, and the month a fact is counted in."""

from __future__ import annotations

from datetime import date
from typing import Any, NamedTuple


class Fact(NamedTuple):
    collection: str
    fact_id: str
    fields: dict[str, Any]


def month_of(day: date) -> str:
    return day.strftime("%Y-%m")
