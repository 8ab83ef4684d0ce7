"""The monthly briefing's figures, counted from the fact collections at read time."""

from __future__ import annotations

from datetime import date
from typing import Any

from .facts import ACTION_FACTS, AUDIT_FACTS, FEEDBACK_FACTS, SAFETY_LINK_FACTS, FactStore

STANDARDS = ("1", "2", "3", "4", "5", "6")


async def monthly_briefing(facts: FactStore, *, month: str, today: date) -> dict[str, Any]:
    audits = {"month": month}
    actions = {"raised_month": month}
    return {
        "month": month,
        "audits": {
            "completed": await facts.count(AUDIT_FACTS, audits),
            "on_time": await facts.count(AUDIT_FACTS, {**audits, "on_time": True}),
            "overall_grades": await facts.count_by(AUDIT_FACTS, audits, "overall_grade"),
            "impact_grades": await facts.count_by(AUDIT_FACTS, audits, "impact_grade"),
            "by_standard": {
                s: await facts.count_by(AUDIT_FACTS, audits, f"standards.{s}") for s in STANDARDS
            },
            "child_better_off": await facts.count(AUDIT_FACTS, {**audits, "better_off": True}),
            "child_seen_alone": await facts.count(AUDIT_FACTS, {**audits, "child_seen_alone": True}),
            "child_view_obtained": await facts.count(AUDIT_FACTS, {**audits, "child_view": "obtained"}),
            "parent_view_obtained": await facts.count(
                AUDIT_FACTS, {**audits, "parent_view": "obtained"}),
        },
        "actions": {
            "raised": await facts.count(ACTION_FACTS, actions),
            "by_status": await facts.count_by(ACTION_FACTS, actions, "status"),
            "overdue": await facts.count(ACTION_FACTS, {
                **actions, "status": {"$in": ["open", "in_progress"]},
                "due_date": {"$lt": today.isoformat()}}),
        },
        "feedback": {
            "by_source": await facts.count_by(FEEDBACK_FACTS, {"month": month}, "source"),
            "safety_link_alerts": await facts.count(SAFETY_LINK_FACTS, {"month": month}),
        },
    }
