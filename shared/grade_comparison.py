"""Audit grades before a learning session beside those after (pure): learning shows them on
each programme item, reporting in the Learn section of its briefing and impact report, so
the rule lives once."""

from __future__ import annotations

from typing import Any

from schemas.common import Grade

from .months import shift

# How many months of audits either side of a session's month are compared (its own month
# in neither: the session cannot have changed the audits done before it that month).
COMPARISON_MONTHS = 6
SCORE = {Grade.OUTSTANDING: 4, Grade.GOOD: 3, Grade.REQUIRES_IMPROVEMENT: 2, Grade.INADEQUATE: 1}


def comparison_window(first_month: str) -> tuple[tuple[str, str], tuple[str, str]]:
    """The months before the first session and those after it (its own month in neither)."""
    return ((shift(first_month, -COMPARISON_MONTHS), shift(first_month, -1)),
            (shift(first_month, 1), shift(first_month, COMPARISON_MONTHS)))


def grades_summary(grades: list[str]) -> dict[str, Any]:
    counts = {g.value: sum(1 for x in grades if x == g.value) for g in Grade}
    good = sum(1 for x in grades if Grade(x).good_or_better) if grades else 0
    return {"audits": len(grades), "counts": counts,
            "good_or_better_percent": round(100 * good / len(grades)) if grades else None,
            "mean_score": round(sum(SCORE[Grade(x)] for x in grades) / len(grades), 2)
            if grades else None}


def compare(before: list[str], after: list[str]) -> dict[str, Any]:
    """Overall grades before beside after: better, worse or unchanged by the share good or
    better; not yet known while either side has no audit."""
    b, a = grades_summary(before), grades_summary(after)
    if not before or not after:
        change = "not_known_yet"
    elif a["good_or_better_percent"] != b["good_or_better_percent"]:
        change = "better" if a["good_or_better_percent"] > b["good_or_better_percent"] else "worse"
    elif a["mean_score"] != b["mean_score"]:
        change = "better" if a["mean_score"] > b["mean_score"] else "worse"
    else:
        change = "unchanged"
    return {"before": b, "after": a, "change": change}
