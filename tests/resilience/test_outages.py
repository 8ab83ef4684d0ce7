"""A dependency stops and returns: readiness says which, requests that would lose data get
503, and no event is lost. These stop the shared test broker or store, so they run last."""

from __future__ import annotations

import time

import pytest
from aiokafka import AIOKafkaProducer

from schemas import topics
from tests.support.auth import bearer
from tests.support.events import audit_submitted, envelope_for
from tests.support.reports import monthly_briefing
from tests.support.factories import audit_command, feedback_item, unique_month
from tests.support.infra import infra
from tests.support.kafka import BOOTSTRAP
from tests.support.waiting import eventually


async def readiness(http, services, service="audit_capture"):
    response = await http.get(f"{services.url(service)}/readyz")
    return response.status_code, response.json()



@pytest.mark.local_store
async def test_store_outage_refuses_writes_and_loses_no_consumed_event(services, http):
    month = unique_month()
    event = audit_submitted(month=month)
    infra("store", "stop")
    try:
        # Noticed within seconds (a bound on behaviour, not a speed measurement: with the
        # driver's timeoutMS set, a store that was down took 15 s to be reported).
        started = time.monotonic()
        status, checks = await readiness(http, services)
        assert (status, checks["store"], checks["kafka"]) == (503, "down", "up")
        refused = await http.post(f"{services.url('audit_capture')}/audits",
                                  json=audit_command(), headers=bearer("auditor"))
        assert refused.status_code == 503 and "store" in refused.json()["detail"]
        assert time.monotonic() - started < 10, "a store outage must be noticed within seconds"
        producer = AIOKafkaProducer(bootstrap_servers=BOOTSTRAP, acks="all")
        await producer.start()
        try:  # another instance published this while reporting could not store it
            await producer.send_and_wait(topics.AUDIT, envelope_for(event).to_bytes(),
                                         key=event.audit_id.encode())
        finally:
            await producer.stop()
    finally:
        infra("store", "start")

    async def ready_again():
        return (await readiness(http, services))[0] == 200

    await eventually(ready_again, timeout=60, what="audit capture ready again")

    async def consumed_after_return():
        return (await monthly_briefing(http, services, month))["audits"]["completed"] == 1

    await eventually(consumed_after_return, timeout=90, what="event applied once store returned")
    accepted = await http.post(f"{services.url('audit_capture')}/audits",
                               json=audit_command(), headers=bearer("auditor"))
    assert accepted.status_code == 201


async def test_broker_outage_keeps_requests_and_publishes_them_when_it_returns(services, http):
    month = unique_month()
    infra("kafka", "stop")
    try:
        status, checks = await readiness(http, services)
        assert (status, checks["kafka"], checks["store"]) == (503, "down", "up")
        audit = await http.post(f"{services.url('audit_capture')}/audits",
                                json=audit_command(month=month, actions=1),
                                headers=bearer("auditor"))
        assert audit.status_code == 202 and audit.json()["published"] is False
        item = await http.post(f"{services.url('feedback_ingestion')}/feedback/items",
                               json=feedback_item(received_on=f"{month}-03"),
                               headers=bearer("integration"))
        assert item.status_code == 202
    finally:
        infra("kafka", "start")
    audit_id = audit.json()["audit_id"]

    async def action_raised():
        response = await http.get(f"{services.url('action_tracking')}/actions",
                                  params={"origin_id": audit_id},
                                  headers=bearer("head_of_quality"))
        return len(response.json()) == 1

    await eventually(action_raised, timeout=120, what="action raised after the broker returned")

    async def reported():
        body = await monthly_briefing(http, services, month)
        return body["audits"]["completed"] == 1 and body["feedback"]["by_source"] == {
            "compliment": 1}

    await eventually(reported, timeout=60, what="audit and feedback reported")
    status, _ = await readiness(http, services)
    assert status == 200
