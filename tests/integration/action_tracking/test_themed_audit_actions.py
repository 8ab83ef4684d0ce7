"""A themed (multi-agency) audit's actions are tracked, exactly once, on the real Kafka and
store (action tracking did not consume themed audits before issue 12)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import httpx

from schemas.audit import ThemedAuditRecorded
from shared.england_time import england_today
from tests.support.action_tracking import publish
from tests.support.auth import bearer
from tests.support.factories import uid
from tests.support.waiting import eventually


async def test_a_themed_audits_actions_are_tracked_once(tracking):
    audit = ThemedAuditRecorded(
        themed_audit_id=uid("themed"), theme_id=uid("theme"), theme_title="Synthetic theme",
        month="2026-10", case_ref=uid("TEST-CASE"), team_id=uid("team"),
        auditor_ids=[uid("auditor")], partner_agencies=["Fictional Health Trust"],
        answers=[{"question_id": "q1", "answer": "partly"}], recorded_at=datetime.now(UTC),
        actions=[{"key": "t1", "description": "Synthetic: joint chronology",
                  "owner_id": uid("sw"), "due_date": str(england_today() + timedelta(days=30))}])
    await publish(audit)
    await publish(audit)  # redelivered: nothing new
    async with httpx.AsyncClient() as http:
        async def tracked():
            response = await http.get(f"{tracking.url}/actions",
                                      params={"origin_id": audit.themed_audit_id},
                                      headers=bearer("head_of_quality"))
            return response.json() or None

        actions = await eventually(tracked, what="the themed audit's action")
    assert len(actions) == 1
    assert actions[0]["origin"] == {"kind": "themed_audit", "id": audit.themed_audit_id}
    assert actions[0]["team_id"] == audit.team_id
