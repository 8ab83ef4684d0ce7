"""Refusals from the running services: 401, 403, 422, and nothing published."""

from __future__ import annotations

import pytest

from schemas import topics
from tests.support.auth import bearer
from tests.support.factories import audit_command, feedback_item
from tests.support.kafka import TopicTail

ENDPOINTS = [
    ("audit_capture", "POST", "/audits"),
    ("feedback_ingestion", "POST", "/feedback/items"),
    ("action_tracking", "GET", "/actions"),
    ("reporting", "GET", "/reports/monthly-briefing?month=2026-11"),
]


@pytest.mark.parametrize("service,method,path", ENDPOINTS)
async def test_no_token_is_401_and_the_wrong_role_is_403(services, http, service, method, path):
    url = f"{services.url(service)}{path}"
    assert (await http.request(method, url, json={})).status_code == 401
    wrong_role = await http.request(method, url, json={}, headers=bearer("social_worker")
                                    if service != "action_tracking" else bearer("integration"))
    assert wrong_role.status_code == 403


async def test_an_invalid_audit_gets_field_messages_and_publishes_nothing(services, http):
    body = audit_command()
    body["standards"] = body["standards"][:3]
    body["impact"]["better_off"] = "perhaps"
    async with TopicTail(topics.AUDIT) as tail:
        response = await http.post(f"{services.url('audit_capture')}/audits", json=body,
                                   headers=bearer("auditor"))
        assert response.status_code == 422
        fields = {".".join(map(str, e["loc"])) for e in response.json()["detail"]}
        assert {"body.standards", "body.impact.better_off"} <= fields
        assert await tail.new_message_count() == 0


async def test_an_invalid_feedback_item_publishes_nothing(services, http):
    async with TopicTail(topics.FEEDBACK) as tail:
        response = await http.post(f"{services.url('feedback_ingestion')}/feedback/items",
                                   json=feedback_item(rating=9, received_on="31/02/2026"),
                                   headers=bearer("integration"))
        assert response.status_code == 422
        fields = {e["loc"][-1] for e in response.json()["detail"]}
        assert fields == {"rating", "received_on"}
        assert await tail.new_message_count() == 0


async def test_health_and_metrics_need_no_token(services, http):
    for service in ("audit_capture", "reporting"):
        assert (await http.get(f"{services.url(service)}/readyz")).json()["ready"] is True
        metrics = (await http.get(f"{services.url(service)}/metrics")).text
        assert "qa_events_published_total" in metrics
