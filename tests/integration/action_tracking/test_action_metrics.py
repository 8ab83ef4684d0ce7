"""The actions gauges come from counters kept as events are applied (issue 18, defect 3: the
metrics ran twelve counts, two of them over every action, every 15 s): they are right just
after the events, long before the 15 s refresh, and the refresh reads a few counter
documents and counts only the overdue (its query plans: tests/integration/test_query_plans.py)."""

from __future__ import annotations

from datetime import timedelta

import httpx

from services.action_tracking.application import deadline_alerts
from tests.support.action_tracking import publish
from tests.support.auth import bearer
from tests.support.events import audit_submitted
from tests.support.waiting import eventually

SOON = 5.0  # seconds: well inside the deadline loop's 15 s refresh


def gauges(tracking, name: str) -> dict[str, float]:
    gauge = getattr(tracking.deps.metrics, name)
    return {status: gauge.labels(status)._value.get()
            for status in ("open", "in_progress", "completed", "confirmed", "cancelled")}


async def test_the_gauges_follow_the_events_at_once_and_count_the_overdue(tracking):
    audit = audit_submitted(actions=3)
    await publish(audit)

    async def three_open():
        return gauges(tracking, "actions")["open"] == 3

    await eventually(three_open, timeout=SOON, what="three open actions on the gauge")
    async with httpx.AsyncClient() as http:
        listed = (await http.get(f"{tracking.url}/actions", params={"origin_id": audit.audit_id},
                                 headers=bearer("head_of_quality"))).json()
        completed = await http.post(f"{tracking.url}/actions/{listed[0]['action_id']}/complete",
                                    json={"evidence": "Fictional plan updated"},
                                    headers=bearer("head_of_quality"))
    assert completed.status_code == 200, completed.text

    async def moved():
        shown = gauges(tracking, "actions")
        return (shown["open"], shown["completed"]) == (2, 1)

    await eventually(moved, timeout=SOON, what="open 2, completed 1 on the gauges")
    latest_due = max(a["due_date"] for a in listed)
    tracking.clock.jump_to(tracking.clock.now() + timedelta(days=400))
    assert latest_due < tracking.clock.now().date().isoformat()
    await deadline_alerts.refresh_metrics(tracking.deps)
    assert gauges(tracking, "overdue") == {"open": 2, "in_progress": 0, "completed": 0,
                                           "confirmed": 0, "cancelled": 0}
    assert gauges(tracking, "actions")["open"] == 2
