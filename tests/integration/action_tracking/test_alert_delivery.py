"""Alerts delivered: live to browsers over server-sent events (each person what they may
see), and to subscribed systems by signed webhooks with retries and dead letters."""

from __future__ import annotations

import asyncio
import json
from datetime import UTC, datetime, timedelta

import httpx

from schemas.feedback import SafetyLinkTriggered
from services.action_tracking.application import deadline_alerts
from services.action_tracking.domain.deadlines import deadline_id, due_moment
from shared.england_time import england_today
from shared.signatures import HEADER, verify
from tests.support.action_tracking import in_directory, publish, sse_alerts, staff
from tests.support.auth import bearer
from tests.support.factories import uid
from tests.support.receiver import receiver
from tests.support.waiting import eventually


async def test_a_manager_and_the_owner_see_an_overdue_alert_live_and_others_do_not(tracking):
    team, owner, manager, outsider = uid("team"), uid("sw"), uid("tm"), uid("tm")
    await staff(team=team, people={owner: manager, manager: None})
    await staff(team=uid("team"), people={outsider: None})
    await in_directory(tracking, owner, manager, outsider)
    due = england_today() + timedelta(days=5)
    body = {"origin": {"kind": "performance_clinic", "id": uid("clinic")}, "key": "k",
            "description": "Synthetic", "owner_id": owner, "due_date": str(due)}
    streams = {"manager": bearer("team_manager", sub=manager),
               "owner": bearer("social_worker", sub=owner),
               "outsider": bearer("team_manager", sub=outsider)}
    found = {name: [] for name in streams}
    ready = {name: asyncio.Event() for name in streams}
    readers = [asyncio.create_task(sse_alerts(tracking.url, headers, found[name], ready[name]))
               for name, headers in streams.items()]
    try:
        async with asyncio.timeout(30):
            await asyncio.gather(*(e.wait() for e in ready.values()))
        async with httpx.AsyncClient() as http:
            action = (await http.post(f"{tracking.url}/actions", json=body,
                                      headers=streams["manager"])).json()
        await eventually(lambda: tracking.deps.deadlines.collection.find_one(
            {"_id": deadline_id("action", action["_id"])}), what="the deadline")
        tracking.clock.jump_to(due_moment(due) + timedelta(milliseconds=5))

        def overdue(name):
            return [a for a in found[name] if a["about_id"] == action["_id"]
                    and a["kind"] == "overdue"]

        await eventually(lambda: asyncio.sleep(0, overdue("manager") and overdue("owner")),
                         what="the manager and the owner got the alert")
    finally:
        for reader in readers:
            reader.cancel()
        await asyncio.gather(*readers, return_exceptions=True)
    assert len(overdue("manager")) == 1 and overdue("manager")[0]["team_id"] == team
    assert overdue("outsider") == []
    async with httpx.AsyncClient() as http:
        listed = {name: [a["alert_id"] for a in (await http.get(
            f"{tracking.url}/alerts", headers=headers)).json()]
            for name, headers in streams.items()}
        await deadline_alerts.refresh_metrics(tracking.deps)
        metrics = (await http.get(f"{tracking.url}/metrics")).text
    assert overdue("manager")[0]["alert_id"] in listed["manager"]
    assert overdue("manager")[0]["alert_id"] not in listed["outsider"]
    assert 'qa_alert_deadline_to_published_seconds_count{kind="overdue"}' in metrics
    assert 'qa_actions_overdue{status="open"}' in metrics and action["_id"] not in metrics


async def test_webhooks_retry_then_deliver_signed_and_dead_letter_what_keeps_failing(tracking):
    headers = bearer("integration")
    secret = "fictional-webhook-secret-0123456789"
    async with receiver(fail_first=2) as flaky, receiver(always_fail=True) as broken, \
            httpx.AsyncClient() as http:
        for target in (flaky, broken):
            response = await http.post(f"{tracking.url}/webhooks/subscriptions", headers=headers,
                                       json={"url": target.url, "kinds": ["safety_link"],
                                             "secret": secret})
            assert response.status_code == 201
        link = SafetyLinkTriggered(item_id=uid("item"), source_id=uid("momo"),
                                   case_ref=uid("TEST-CASE"), team_id=uid("team"),
                                   received_on=england_today(), received_at=datetime.now(UTC))
        await publish(link)
        await eventually(lambda: asyncio.sleep(0, flaky.received), what="delivered after retries")

        async def dead():
            letters = (await http.get(f"{tracking.url}/webhooks/dead-letters",
                                      headers=headers)).json()
            return [d for d in letters if d["attempts"] == 3 and d["subscription_id"]
                    and "503" in d["error"]]

        letters = await eventually(dead, what="the broken receiver's dead letter")
        assert broken.attempts == 3
        broken.always_fail = False
        retried = await http.post(f"{tracking.url}/webhooks/dead-letters/{letters[0]['_id']}/retry",
                                  headers=headers)
        remaining = (await http.get(f"{tracking.url}/webhooks/dead-letters",
                                    headers=headers)).json()
        unknown = await http.post(f"{tracking.url}/webhooks/dead-letters/{uid('x')}/retry",
                                  headers=headers)
    body, received_headers = flaky.received[0]
    assert flaky.attempts == 3  # two failures, then delivered
    assert verify(body, received_headers[HEADER.lower()], secret) > 0
    assert json.loads(body)["data"]["kind"] == "safety_link"
    assert retried.json()["delivered"] is True and len(broken.received) == 1
    assert letters[0]["_id"] not in {d["_id"] for d in remaining}
    assert unknown.status_code == 404
