"""The retention job when a service cannot be reached, on the real Kafka and store: the run
is still recorded (201, never a 500) with that service's reason, its event
retention.run_recorded on qa.privacy carries counts only and says the service did not
answer, and a real run is asked again by the retry until the service answers."""

from __future__ import annotations

import pytest

from schemas import topics
from services.data_protection.application.retention import retry_unfinished
from tests.support.auth import bearer

from .conftest import running
from tests.support.kafka import TopicTail

OFFICER = bearer("data_protection_officer", sub="dpo-fict-003")


@pytest.fixture
async def data_protection():
    async with running(retention_daily_at="23:59:59", service_api_urls={"audit_capture": "http://127.0.0.1:9"}) as http:
        yield http


async def test_a_service_down_is_recorded_published_and_asked_again(data_protection):
    http = data_protection
    async with TopicTail(topics.PRIVACY) as privacy:
        answer = await http.post("/retention/runs", headers=OFFICER, json={"dry_run": False})
        assert answer.status_code == 201, answer.text
        run = answer.json()
        event = await privacy.wait_for(
            lambda m: m["event_type"] == "retention.run_recorded"
            and m["data"]["run_id"] == run["_id"])
    down = run["services"]["audit_capture"]
    assert (down["answered"], down["attempts"]) == (False, 1)
    assert "did not answer" in down["error"]
    assert run["services"]["data_protection"]["answered"] is True  # the access log's rule
    assert run["finished_at"] is None
    by_service = {s["service"]: s for s in event["data"]["services"]}
    assert by_service["audit_capture"]["answered"] is False
    assert "disposed_ids" not in str(event["data"])  # counts only, never a record's id

    await retry_unfinished(http.app.state.deps)
    again = (await http.get(f"/retention/runs/{run['_id']}", headers=OFFICER)).json()
    assert again["services"]["audit_capture"]["attempts"] == 2
    page = await http.get("/retention", headers=OFFICER)
    assert page.status_code == 200 and "Not yet applied by: audit_capture" in page.text
    assert (await http.get("/retention/runs/nope", headers=OFFICER)).status_code == 404
    assert (await http.get("/retention/runs", headers=bearer("head_of_quality"))
            ).status_code == 403
