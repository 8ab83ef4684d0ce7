"""An audit loaded as history (issue 11), on the real Kafka and store: an admin gives when it
was in fact submitted, and audit.submitted carries that moment (so its actions are raised in
the audit's month); another role, a moment in the future or before the audit's month began is
refused with the reason."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from schemas import topics
from shared.england_time import england_today
from tests.support.auth import bearer
from tests.support.factories import audit_command, uid
from tests.support.kafka import TopicTail


async def test_an_admin_loads_an_audit_in_its_month_and_nobody_stamps_one_untruly(client):
    moment = datetime.now(UTC).replace(microsecond=0) - timedelta(days=70)
    month = moment.strftime("%Y-%m")
    body = audit_command(month=month, deadline=None) | {"submitted_at": moment.isoformat()}
    loader = bearer("auditor", "admin", sub="demo-auditor")
    async with TopicTail(topics.AUDIT) as tail:
        auditor_only = await client.post("/audits", json=body, headers=bearer("auditor"))
        future = await client.post("/audits", json=body | {
            "submitted_at": (datetime.now(UTC) + timedelta(hours=1)).isoformat()}, headers=loader)
        before_month = await client.post("/audits", json=body | {
            "submitted_at": f"{month}-01T00:00:00+00:00",
            "month": (moment + timedelta(days=40)).strftime("%Y-%m")}, headers=loader)
        loaded = await client.post("/audits", json=body, headers=loader | {
            "Idempotency-Key": uid("history")})
        assert loaded.status_code == 201, loaded.text
        audit_id = loaded.json()["audit_id"]
        event = await tail.wait_for(lambda m: m["subject"] == audit_id
                                    and m["event_type"] == "audit.submitted")
    assert auditor_only.status_code == 403 and "admin" in auditor_only.json()["detail"]
    for refused, words in ((future, "is in the future"), (before_month, "month")):
        assert refused.status_code == 422, refused.text
        problem = refused.json()["detail"][0]
        assert problem["loc"] == ["body", "submitted_at"] and words in problem["msg"]
    assert event["data"]["recorded_past"] is True
    assert event["data"]["submitted_at"][:19] == moment.isoformat()[:19]
    assert event["occurred_at"][:10] == england_today().isoformat()  # recorded today
