"""The actions gauges come from counters kept as events are applied (issue 18, defect 3: the
metrics ran twelve counts, two of them over every action, every 15 s): they are right just
after the events, long before the 15 s refresh, and the refresh reads a few counter
documents and counts only the overdue (its query plans: tests/integration/test_query_plans.py)."""

from __future__ import annotations

from datetime import timedelta

import httpx

from services.action_tracking.application import deadline_alerts
from services.action_tracking.domain.deadlines import deadline_id
from tests.support.action_tracking import publish
from tests.support.auth import bearer
from tests.support.events import audit_submitted
from tests.support.waiting import eventually

SOON = 2.0  # seconds from an event counted in the store to the gauges: the 15 s refresh is far
STORED = 30.0  # seconds for the instance to store what it reads (a cold store can be slow)


def gauges(tracking, name: str) -> dict[str, float]:
    gauge = getattr(tracking.deps.metrics, name)
    return {status: gauge.labels(status)._value.get()
            for status in ("open", "in_progress", "completed", "confirmed", "cancelled")}


async def statuses(tracking, action_ids: list[str]) -> list[str | None]:
    """The statuses the instance has counted for these actions (on their deadlines)."""
    found = {d["_id"]: d.get("status") async for d in tracking.deps.deadlines.collection.find(
        {"_id": {"$in": [deadline_id("action", a) for a in action_ids]}})}
    return [found.get(deadline_id("action", a)) for a in action_ids]


async def shown_as_counted(tracking) -> bool:
    """The gauges equal the counters, as they must be right after each event is counted."""
    counts = await tracking.deps.deadlines.action_counts()
    return all(n == counts.get(status, 0) for status, n in gauges(tracking, "actions").items())


async def test_the_gauges_follow_the_events_at_once_and_count_the_overdue(tracking):
    """Measured from the moment the instance has counted each event in its own store (it
    reads every topic the suite writes, so how soon it gets there depends on the suite)."""
    audit = audit_submitted(actions=3)
    await publish(audit)
    async with httpx.AsyncClient() as http:
        async def listed_three():
            found = (await http.get(f"{tracking.url}/actions",
                                    params={"origin_id": audit.audit_id},
                                    headers=bearer("head_of_quality"))).json()
            return found if len(found) == 3 else None

        listed = await eventually(listed_three, timeout=STORED, what="the three actions stored")
        ids = [a["action_id"] for a in listed]

        async def counted_open():
            return await statuses(tracking, ids) == ["open"] * 3

        await eventually(counted_open, timeout=STORED, what="the three counted open")
        await eventually(lambda: shown_as_counted(tracking), timeout=SOON,
                         what="the gauges showing the three")
        assert gauges(tracking, "actions")["open"] == 3
        completed = await http.post(f"{tracking.url}/actions/{ids[0]}/complete",
                                    json={"evidence": "Fictional plan updated"},
                                    headers=bearer("head_of_quality"))
    assert completed.status_code == 200, completed.text

    async def counted_completed():
        return (await statuses(tracking, ids))[0] == "completed"

    await eventually(counted_completed, timeout=STORED, what="the completion counted")
    await eventually(lambda: shown_as_counted(tracking), timeout=SOON,
                     what="the gauges showing the completion")
    shown = gauges(tracking, "actions")
    assert (shown["open"], shown["completed"]) == (2, 1)
    latest_due = max(a["due_date"] for a in listed)
    tracking.clock.jump_to(tracking.clock.now() + timedelta(days=400))
    assert latest_due < tracking.clock.now().date().isoformat()
    await deadline_alerts.refresh_metrics(tracking.deps)
    assert gauges(tracking, "overdue") == {"open": 2, "in_progress": 0, "completed": 0,
                                           "confirmed": 0, "cancelled": 0}
    assert gauges(tracking, "actions")["open"] == 2
