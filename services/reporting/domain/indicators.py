"""Locality performance indicators in a clinic pack: imported values against targets (pure)."""

from __future__ import annotations

from typing import Any

Rows = list[dict[str, Any]]


def target_met(value: float, target: float | None, better: str) -> bool | None:
    if target is None:
        return None
    return value >= target if better == "higher" else value <= target


def locality_indicators(rows: Rows, months: list[str]) -> Rows:
    """One row per indicator and month in the window, by indicator then month."""
    chosen = [r for r in rows if r.get("month") in months]
    return [{"indicator": r["indicator"], "month": r["month"], "value": r["value"],
             "target": r.get("target"), "better": r.get("better", "higher"),
             "met": target_met(r["value"], r.get("target"), r.get("better", "higher"))}
            for r in sorted(chosen, key=lambda r: (r["indicator"], r["month"]))]


def practice_issues(rows: Rows, months: list[str]) -> Rows:
    return [{"month": r["month"], "indicator": r["indicator"], "note": r["practice_issue"]}
            for r in sorted(rows, key=lambda r: (r["month"], r["indicator"]))
            if r.get("month") in months and r.get("practice_issue")]


def by_month(indicators: Rows, months: list[str]) -> list[dict[str, Any]]:
    """Rows for a line chart: each month with every indicator's value (None when missing)."""
    names = sorted({i["indicator"] for i in indicators})
    values = {(i["indicator"], i["month"]): i["value"] for i in indicators}
    return [{"month": m, **{n: values.get((n, m)) for n in names}} for m in months]
