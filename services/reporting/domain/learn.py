"""The Learn stage in the briefing and the impact report (pure): audits whose results were
shared within the framework's expectation, audits discussed in a reflective supervision
session afterwards, and learning sessions delivered with the attending teams' overall audit
grades before beside after."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from shared.grade_comparison import COMPARISON_MONTHS, compare, comparison_window

from .figures import count_by, count_if, percent
from .periods import first_day

Rows = list[dict[str, Any]]

# The framework (section 2, Monthly Audit Tool and Method): "Each month auditors will audit
# 1 case per person within a 2 week window"; and (section 5, Learn): "On completion, the
# Auditor feeds the results of the audit, reflections and any actions required to the Social
# Worker and copies the documentation to their line manager". So results are expected with
# the worker by the end of the audit's two-week window: its allocation's deadline, or when
# no allocation is known, 14 days from the 1st of the audit's month (audit capture's default
# window, services/audit_capture/domain/allocation.py).
RESULTS_EXPECTED_WITHIN_DAYS = 14


def expected_by(result: dict[str, Any], deadlines: dict[str, str]) -> str:
    """The last day the framework expects this audit's results to reach the worker."""
    if deadline := deadlines.get(result["_id"]):
        return deadline
    start = first_day(result["month"])
    return (start + timedelta(days=RESULTS_EXPECTED_WITHIN_DAYS - 1)).isoformat()


def discussed_after(results: Rows, discussions: Rows) -> set[str]:
    """The audits a signed-off supervision session discussed on or after their results were
    shared (a session before could not have discussed them as results)."""
    shared_on = {r["_id"]: r["shared_on"] for r in results}
    return {d["audit_id"] for d in discussions
            if d["audit_id"] in shared_on and d["held_on"] >= shared_on[d["audit_id"]]}


def session_row(session: dict[str, Any], grades: Rows, team: str | None) -> dict[str, Any]:
    """A session with the attending teams' (or, filtered, the team's) overall grades in the
    months before its month beside those after."""
    (b_from, b_to), (a_from, a_to) = comparison_window(session["month"])
    teams = [t for t in session.get("attended_team_ids", []) if team in (None, t)]

    def overall(first: str, last: str) -> list[str]:
        return [g["overall_grade"] for g in grades
                if g["team_id"] in teams and first <= g["month"] <= last]

    target = {"team": session.get("target_team_id"), "area": session.get("area")}.get(
        session.get("scope")) or "whole service"
    return {"session_id": session["_id"], "item_id": session.get("item_id"),
            "item_title": session.get("item_title"), "session_title": session.get("session_title"),
            "delivered_on": session["delivered_on"], "month": session["month"],
            "scope": session.get("scope"), "target": target, "attended_team_ids": teams,
            "attendees": session.get("attendees", 0),
            "before_months": [b_from, b_to], "after_months": [a_from, a_to],
            **compare(overall(b_from, b_to), overall(a_from, a_to))}


def learn(*, results: Rows, allocations: Rows, discussions: Rows, supervisions: Rows,
          sessions: Rows, grades: Rows, team: str | None = None) -> dict[str, Any]:
    """`results` shared for the period's audits, their `allocations`, the supervision
    `discussions` of those audits (any time), `supervisions` held in the period, learning
    `sessions` delivered in it, and `grades` (team, month, overall) around the sessions."""
    deadlines = {a["audit_id"]: a["deadline"] for a in allocations if a.get("audit_id")}
    in_time = sum(1 for r in results if r["shared_on"] <= expected_by(r, deadlines))
    discussed = discussed_after(results, discussions)
    rows = [session_row(s, grades, team)
            for s in sorted(sessions, key=lambda s: (s["delivered_on"], s["_id"]))]
    body = {
        "expected_within_days": RESULTS_EXPECTED_WITHIN_DAYS,
        "results_shared": len(results),
        "shared_within_expectation": in_time,
        "shared_within_expectation_percent": percent(in_time, len(results)),
        "completed_with_caseworker": count_if(results, completed_with_caseworker=True),
        "discussed_in_supervision": len(discussed),
        "discussed_in_supervision_percent": percent(len(discussed), len(results)),
        "supervision_sessions": len(supervisions),
        "supervision_sessions_by_kind": count_by(supervisions, "kind"),
        "sessions_delivered": len(rows),
        "attendees": sum(r["attendees"] for r in rows),
        "comparison_months": COMPARISON_MONTHS,
        "sessions": rows,
    }
    body["note"] = None if (results or supervisions or rows) else (
        "No audit results were shared, no supervision session was signed off and no learning "
        "session was delivered in this period.")
    return body
