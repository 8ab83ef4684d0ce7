"""Each section of the reports, computed from fact documents (pure, so unit-tested)."""

from __future__ import annotations

from datetime import date
from typing import Any

from shared import action_timeliness as timeliness
from shared.workdays import add_working_days

from .figures import RANK, STANDARDS, count_by, count_each, count_if, good_or_better, percent

Rows = list[dict[str, Any]]
OPEN = ("open", "in_progress")
STAGE2_LIMIT_WORKING_DAYS = 65


def audits(rows: Rows, *, allocations: Rows = (), concerns: Rows = ()) -> dict[str, Any]:
    """Grades as moderated (an audit's fact takes moderation's grades); the overall grades
    as submitted beside them, so moderation's effect shows."""
    overall = count_by(rows, "overall_grade")
    completed = len(rows)
    on_time = count_if(rows, on_time=True)
    return {
        "allocated": len(allocations),
        "completed": completed,
        "on_time": on_time,
        "on_time_percent": percent(on_time, completed),
        "moderated": count_if(rows, moderated=True),
        "signed_off": count_if(rows, signed_off=True),
        "overall_grades": overall,
        "submitted_overall_grades": count_by(rows, "submitted.overall_grade"),
        "good_or_better_percent": percent(good_or_better(overall), completed),
        "impact_grades": count_by(rows, "impact_grade"),
        "by_standard": {s: count_by(rows, f"standards.{s}") for s in STANDARDS},
        "child_better_off": count_if(rows, better_off=True),
        "child_seen_alone": count_if(rows, child_seen_alone=True),
        "child_view_obtained": count_if(rows, child_view="obtained"),
        "parent_view_obtained": count_if(rows, parent_view="obtained"),
        "safeguarding_concerns": len(concerns),
    }


def moderation(moderations: Rows, changes: Rows, *, planned_sample: int | None) -> dict[str, Any]:
    agreed = count_if(moderations, overall_agree=True)
    judgements = sum(m.get("judgements", 7) for m in moderations)
    judgements_agreed = sum(m.get("agreed_count", 0) for m in moderations)
    up = sum(1 for c in changes if RANK[c["grade"]] > RANK[c["previous_grade"]])
    return {
        "planned_sample": planned_sample,
        "moderated": len(moderations),
        "overall_agreed": agreed,
        "agreement_percent": percent(agreed, len(moderations)),
        "judgements_agreed_percent": percent(judgements_agreed, judgements),
        "grade_changes": len(changes),
        "grades_raised": up,
        "grades_lowered": len(changes) - up,
        "changes_by_judgement": count_by(changes, "judgement"),
    }


def is_overdue(action: dict[str, Any], as_of: date) -> bool:
    """Open past the date now due: an agreed new date, else the original (as action
    tracking's alerts)."""
    due = action.get("agreed_due_date") or action["due_date"]
    return action.get("status") in OPEN and due < as_of.isoformat()


def completed_in_time(action: dict[str, Any]) -> bool:
    """Against the original due date (`due_date`, as raised), never an agreed later one."""
    return timeliness.completed_in_time(action.get("completed_on"), action["due_date"])


def met_agreed_date_only(action: dict[str, Any]) -> bool:
    return timeliness.met_agreed_date_only(action.get("completed_on"), action["due_date"],
                                           action.get("agreed_due_date"))


def actions(raised: Rows, live: Rows, *, as_of: date, month: str | None = None,
            months: list[str] | None = None) -> dict[str, Any]:
    """`raised`: actions raised in the period (`month`, or every one of `months`); `live`:
    every action in the filter, for what fell due or was completed then and is overdue now."""
    period = months or [month]
    completed = [a for a in live if (a.get("completed_on") or "")[:7] in period]
    due = [a for a in live if a["due_date"][:7] in period and a.get("status") != "cancelled"]
    in_time = sum(1 for a in completed if completed_in_time(a))
    return {
        "raised": len(raised),
        "by_status": count_by(raised, "status"),
        "overdue": sum(1 for a in raised if is_overdue(a, as_of)),
        "due": len(due),
        "completed": len(completed),
        "completed_in_time": in_time,
        "completed_in_time_percent": percent(in_time, len(completed)),
        # Late against the original but by a date agreed since: shown, not counted in time.
        "completed_by_agreed_date_only": sum(1 for a in completed if met_agreed_date_only(a)),
        "new_date_agreed": sum(1 for a in due if a.get("agreed_due_date")),
        "overdue_now": sum(1 for a in live if is_overdue(a, as_of)),
        "by_origin": count_by(raised, "origin_kind"),
    }


def stage(complaint: dict[str, Any], number: int) -> dict[str, Any] | None:
    return next((s for s in complaint.get("stages", []) if s["stage"] == number), None)


def stage2_overdue(complaint: dict[str, Any], as_of: date) -> bool:
    s2 = stage(complaint, 2)
    if s2 is None or s2.get("responded_on"):
        return False
    limit = add_working_days(date.fromisoformat(s2["started_on"]), STAGE2_LIMIT_WORKING_DAYS)
    return limit < as_of


def complaints(received: Rows, every: Rows, *, months: list[str], as_of: date) -> dict[str, Any]:
    """`received`: complaints received in the period; `every`: all known, for responses
    given in the period and stage 2 cases past 65 working days."""
    responses = [s for c in every for s in c.get("stages", [])
                 if (s.get("responded_on") or "")[:7] in months]
    within = sum(1 for s in responses if s.get("within"))
    by_stage = {str(n): sum(1 for s in responses if s["stage"] == n) for n in (1, 2, 3)}
    within_by_stage = {str(n): sum(1 for s in responses if s["stage"] == n and s.get("within"))
                       for n in (1, 2, 3)}
    return {
        "received": len(received),
        "by_stage": count_by(received, "current_stage"),
        "by_complainant": count_by(received, "complainant"),
        "responded": len(responses),
        "responded_by_stage": by_stage,
        "within_timescale": within,
        "within_timescale_by_stage": within_by_stage,
        "within_timescale_percent": percent(within, len(responses)),
        "upheld": sum(1 for s in responses if s.get("outcome") in ("upheld", "partly_upheld")),
        "stage2_past_65_working_days": sum(1 for c in every if stage2_overdue(c, as_of)),
        "themes": count_each(received, "themes"),
    }


def feedback(items: Rows, safety_links: Rows) -> dict[str, Any]:
    by_source = count_by(items, "source")
    return {
        "by_source": by_source,
        "compliments": by_source.get("compliment", 0),
        "momo_statements": by_source.get("momo", 0),
        "safety_link_alerts": len(safety_links),
        "themes": count_each(items, "themes"),
    }


def observations(rows: Rows, checklists: Rows = ()) -> dict[str, Any]:
    return {
        "done": len(rows),
        "by_kind": count_by(rows, "kind"),
        "meetings_by_observer_role": count_by([r for r in rows if r["kind"] == "meeting"],
                                              "observer_role"),
        "conference_checklists": len(checklists),
        "checklist_escalations": count_if(checklists, escalation=True),
    }


HELD = ("held", "signed_off")


def review(meetings: Rows, priorities: Rows, outcomes: Rows, escalated: Rows, *,
           answered: Rows, answers_to_period: Rows) -> dict[str, Any]:
    """`meetings` of the period (held in it, else scheduled for it); `priorities` agreed,
    `outcomes` reviewed and `escalated` themes in it; `answered`: the Forum's answers given
    in it; `answers_to_period`: the answers (given since) to themes escalated in it."""
    held = [m for m in meetings if m.get("status") in HELD]
    by_kind: dict[str, dict[str, int]] = {}
    for m in held:
        row = by_kind.setdefault(m["kind"], {"held": 0, "on_time": 0})
        row["held"] += 1
        row["on_time"] += bool(m.get("on_time"))
    on_time = sum(1 for m in held if m.get("on_time"))
    reviewed = count_by(outcomes, "outcome")
    answered_ids = {a["_id"] for a in answers_to_period}
    return {
        "meetings_held": len(held),
        "held_on_time": on_time,
        "held_on_time_percent": percent(on_time, len(held)),
        "by_kind": dict(sorted(by_kind.items())),
        "signed_off": count_if(held, status="signed_off"),
        "cancelled": count_if(meetings, status="cancelled"),
        "decisions": sum(m.get("decisions", 0) for m in held),
        "priorities_agreed": len(priorities),
        "priorities_reviewed": len(outcomes),
        "priority_outcomes": reviewed,
        "priorities_met": reviewed.get("met", 0),
        "priorities_met_percent": percent(reviewed.get("met", 0), len(outcomes)),
        "themes_escalated": len(escalated),
        "themes_escalated_by_to": count_by(escalated, "to"),
        "themes_answered": len(answered),
        "escalated_themes_answered_since": sum(1 for t in escalated if t["_id"] in answered_ids),
        "escalated_themes_open": sum(1 for t in escalated if t["_id"] not in answered_ids),
    }
