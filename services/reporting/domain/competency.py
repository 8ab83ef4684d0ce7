"""Moderation outcomes, read across months (pure): each auditor's record against the audit
competencies, and the register of outstanding practice."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from itertools import groupby
from typing import Any

from schemas.audit import AUDIT_COMPETENCIES, JUDGEMENTS

Rows = Iterable[dict[str, Any]]


def _rate(part: int, whole: int) -> float | None:
    return round(part / whole, 3) if whole else None


def _judged(rows: list[dict[str, Any]], field: str) -> dict[str, int]:
    """How often moderators judged it strong, sound or weak (and how often not at all)."""
    counted = Counter(r.get(field) or "not_judged" for r in rows)
    return {j: counted.get(j, 0) for j in (*JUDGEMENTS, "not_judged")}


def competency_record(auditor_id: str, audits: Rows, moderations: Rows) -> dict[str, Any]:
    """One auditor's record: audits submitted and how many on time (against the window's
    deadline), judgements the moderators agreed with, the moderators' judgements of the
    evidence and the timeliness, the learning needs named (by competency) and the good
    practice acknowledged in the cases they audited."""
    mine = [a for a in audits if auditor_id in a.get("auditor_ids", [])]
    moderated = [m for m in moderations if auditor_id in m.get("auditor_ids", [])]
    on_time = sum(1 for a in mine if a.get("on_time"))
    agreed = sum(m["agreed_count"] for m in moderated)
    judgements = sum(m.get("judgements", 7) for m in moderated)
    needs = Counter(n for m in moderated for n in m.get("learning_needs") or [])
    return {
        "auditor_id": auditor_id,
        "audits_submitted": len(mine), "on_time": on_time,
        "on_time_rate": _rate(on_time, len(mine)),
        "moderated": len(moderated), "judgements": judgements, "agreed": agreed,
        "agreement_rate": _rate(agreed, judgements),
        "overall_agreed": sum(1 for m in moderated if m.get("overall_agree")),
        "evidence_quality": _judged(moderated, "evidence_quality"),
        "timeliness_judged": _judged(moderated, "timeliness"),
        "learning_needs": {c: needs[c] for c in AUDIT_COMPETENCIES if needs[c]},
        "good_practice": sum(1 for m in moderated if m.get("good_practice")),
        "by_month": [{"month": month, "moderated": len(rows),
                      "agreement_rate": _rate(sum(r["agreed_count"] for r in rows),
                                              sum(r.get("judgements", 7) for r in rows))}
                     for month, rows in _by_month(moderated)],
    }


def _by_month(rows: list[dict[str, Any]]) -> list[tuple[str, list[dict[str, Any]]]]:
    ordered = sorted(rows, key=lambda r: r["month"])
    return [(month, list(group)) for month, group in groupby(ordered, key=lambda r: r["month"])]


def competency_records(audits: Rows, moderations: Rows) -> list[dict[str, Any]]:
    """Every auditor with an audit or a moderation in the facts, lowest agreement first (those
    the head of quality and principal social worker most need to see), then by id."""
    audits, moderations = list(audits), list(moderations)
    auditors = {a for row in [*audits, *moderations] for a in row.get("auditor_ids", [])}
    records = [competency_record(a, audits, moderations) for a in auditors]
    return sorted(records, key=lambda r: (r["agreement_rate"] is None,
                                          r["agreement_rate"] or 0, r["auditor_id"]))


def outstanding_practice(acknowledged: Rows) -> list[dict[str, Any]]:
    """The register: good practice the moderators acknowledged, newest month first, and
    within a month by team."""
    rows = sorted(acknowledged, key=lambda r: (r["team_id"], r["acknowledged_on"], r["_id"]))
    months = sorted({r["month"] for r in rows}, reverse=True)
    return [{"month": month, "teams": [
        {"team_id": team, "entries": [_entry(r) for r in entries]}
        for team, entries in groupby([r for r in rows if r["month"] == month],
                                     key=lambda r: r["team_id"])]} for month in months]


def _entry(row: dict[str, Any]) -> dict[str, Any]:
    return {k: row.get(k) for k in ("audit_id", "social_worker_id", "auditor_ids",
                                    "moderator_id", "note", "overall_grade", "acknowledged_on")}
