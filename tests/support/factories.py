"""Random-id factories for synthetic, obviously fictional test data."""

from __future__ import annotations

import random
import uuid
from datetime import timedelta
from typing import Any

from shared.england_time import england_today


def uid(prefix: str) -> str:
    return f"{prefix}-{uuid.uuid4().hex[:10]}"


def unique_month() -> str:
    """A month far in the future that no other test uses, so report counts are exact."""
    return f"{random.randint(2200, 9999)}-{random.randint(1, 12):02d}"


def audit_command(*, month: str | None = None, actions: int = 1, **overrides: Any) -> dict:
    grades = ["good", "requires_improvement", "good", "outstanding", "good", "inadequate"]
    body = {
        "month": month or unique_month(),
        "case_ref": uid("TEST-CASE"),
        "team_id": uid("team"),
        "auditor_ids": [uid("auditor")],
        "social_worker_id": uid("sw"),
        "standards": [{"standard": n + 1, "grade": g, "evidence": "Fictional evidence."}
                      for n, g in enumerate(grades)],
        "child_seen_alone": True,
        "overall_grade": "good",
        "impact": {"grade": "good", "better_off": True, "has_pace": True,
                   "rationale_evident": True, "help_planned_and_purposeful": False},
        "child_view": {"status": "obtained", "summary": "Synthetic child view."},
        "parent_view": {"status": "not_possible", "summary": "Synthetic: parent unavailable."},
        "actions": [{"key": f"a{n}", "description": f"Synthetic action {n}",
                     "owner_id": uid("tm"), "due_date": str(england_today() + timedelta(days=30))}
                    for n in range(actions)],
    }
    return body | overrides


def feedback_item(**overrides: Any) -> dict:
    body = {"source": "compliment", "source_id": uid("src"), "received_on": str(england_today()),
            "team_id": uid("team"), "text": "Synthetic compliment about a fictional visit."}
    return body | overrides
