"""Small counting helpers the reports share (pure)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from typing import Any

from schemas.common import Grade

# The grade scale as stored in facts, from schemas' Grade (its one definition).
GRADES = tuple(grade.value for grade in Grade)  # best first
GOOD_OR_BETTER = tuple(grade.value for grade in Grade if grade.good_or_better)
NEEDS_SUPPORT = tuple(grade.value for grade in Grade if not grade.good_or_better)
RANK = {value: len(GRADES) - n for n, value in enumerate(GRADES)}  # higher is better
STANDARDS = ("1", "2", "3", "4", "5", "6")


def count_by(rows: Iterable[dict[str, Any]], field: str) -> dict[str, int]:
    """Counts of each present value, like a $group (values absent stay absent)."""
    counts: Counter[str] = Counter()
    for row in rows:
        value = _get(row, field)
        if value is not None:
            counts[str(value)] += 1
    return dict(counts)


def count_each(rows: Iterable[dict[str, Any]], field: str) -> dict[str, int]:
    """Counts of each member of a list field (themes)."""
    counts: Counter[str] = Counter()
    for row in rows:
        counts.update(row.get(field) or [])
    return dict(counts.most_common())


def count_if(rows: Iterable[dict[str, Any]], **equals: Any) -> int:
    return sum(1 for row in rows if all(_get(row, k) == v for k, v in equals.items()))


def percent(part: int, whole: int) -> float | None:
    return None if whole == 0 else round(100 * part / whole, 1)


def good_or_better(grades: dict[str, int]) -> int:
    return sum(grades.get(g, 0) for g in GOOD_OR_BETTER)


def _get(row: dict[str, Any], dotted: str) -> Any:
    value: Any = row
    for part in dotted.split("."):
        if not isinstance(value, dict):
            return None
        value = value.get(part)
    return value
