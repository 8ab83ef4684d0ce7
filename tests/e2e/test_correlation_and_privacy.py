"""Correlation ids flow from a request through every derived event; logs hold no case data."""

from __future__ import annotations

import uuid

from schemas import topics
from tests.support.auth import bearer
from tests.support.factories import audit_command
from tests.support.kafka import TopicTail


async def test_a_request_correlation_id_reaches_the_events_it_causes(services, http):
    correlation = f"corr-{uuid.uuid4()}"
    command = audit_command(actions=1)
    async with TopicTail(topics.AUDIT) as audits, TopicTail(topics.ACTION) as actions:
        response = await http.post(f"{services.url('audit_capture')}/audits", json=command,
                                   headers=bearer("auditor") | {"X-Correlation-ID": correlation})
        assert response.headers["x-correlation-id"] == correlation
        submitted = await audits.wait_for(lambda m: m["correlation_id"] == correlation)
        raised = await actions.wait_for(lambda m: m["correlation_id"] == correlation)
    assert submitted["event_type"] == "audit.submitted" and submitted["source"] == "audit_capture"
    assert submitted["subject"] == response.json()["audit_id"]
    assert raised["causation_id"] == submitted["event_id"]
    assert raised["source"] == "action_tracking"


async def test_service_logs_never_contain_case_references_or_free_text(services, http):
    command = audit_command(case_ref=f"TEST-PRIVATE-{uuid.uuid4().hex[:8]}",
                            auditor_suggestions="TEST-PRIVATE-TEXT about a fictional child")
    bad = audit_command(case_ref=command["case_ref"], overall_grade="not-a-grade")
    for body in (command, bad):
        await http.post(f"{services.url('audit_capture')}/audits", json=body,
                        headers=bearer("auditor"))
    logs = "".join(p.read_text(errors="replace") for p in services.log_dir.glob("*.log"))
    assert logs, "services write logs"
    assert command["case_ref"] not in logs and "TEST-PRIVATE-TEXT" not in logs
