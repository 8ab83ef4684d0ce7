"""The same request or event twice changes nothing; a changed item is an update."""

from __future__ import annotations

import uuid

from tests.support.auth import bearer
from tests.support.reports import monthly_briefing
from tests.support.factories import audit_command, feedback_item, unique_month
from tests.support.waiting import eventually



async def test_a_retried_audit_submission_is_one_audit(services, http):
    month = unique_month()
    headers = bearer("auditor", sub="auditor-retry") | {"Idempotency-Key": str(uuid.uuid4())}
    url = f"{services.url('audit_capture')}/audits"
    first = await http.post(url, json=audit_command(month=month), headers=headers)
    again = await http.post(url, json=audit_command(month=month), headers=headers)
    assert (first.status_code, again.status_code) == (201, 200)
    assert first.json()["audit_id"] == again.json()["audit_id"]
    await eventually(lambda: _completed(http, services, month, 1), what="one audit counted")

    async def actions_raised():  # action tracking consumes on its own, maybe later
        response = await http.get(f"{services.url('action_tracking')}/actions",
                                  params={"origin_id": first.json()["audit_id"]},
                                  headers=bearer("head_of_quality"))
        return response.json()

    assert len(await eventually(actions_raised, what="its action raised")) == 1


async def test_resending_a_feedback_item_never_duplicates_it(services, http):
    month = unique_month()
    item = feedback_item(received_on=f"{month}-02", source="customer_feedback", rating=3)
    url = f"{services.url('feedback_ingestion')}/feedback/items"
    headers = bearer("integration")
    outcomes = [(await http.post(url, json=item, headers=headers)).json()["outcome"]
                for _ in range(2)]
    changed = (await http.post(url, json=item | {"rating": 5}, headers=headers)).json()
    assert outcomes == ["accepted", "duplicate"]
    assert (changed["outcome"], changed["revision"]) == ("updated", 2)

    async def counted_once():
        body = await monthly_briefing(http, services, month)
        return body["feedback"]["by_source"] == {"customer_feedback": 1}

    await eventually(counted_once, what="one feedback item counted")


async def _completed(http, services, month, expected):
    return (await monthly_briefing(http, services, month))["audits"]["completed"] == expected
