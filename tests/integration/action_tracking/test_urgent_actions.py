"""Urgent alerts become owned work, and actions worked to completion, on the real Kafka and
store (issue 11): a Safety Link or a safeguarding concern raises one urgent action (owned by
the team manager, to be acknowledged within working hours) and one alert naming it, however
often the event comes; not acknowledged in time, it is escalated to the head of service
once; acknowledged, it is not. A new due date keeps the original, and a completion carries
both; a completion sent back is in progress again."""

from __future__ import annotations

from datetime import datetime, timedelta

import httpx

from schemas import topics
from schemas.audit import SafeguardingConcernRaised
from schemas.feedback import SafetyLinkTriggered
from services.action_tracking.application import deadline_alerts
from services.action_tracking.domain.deadlines import ENGLAND, deadline_id
from services.action_tracking.domain.urgent import action_id_for
from shared.england_time import england_today
from tests.support.action_tracking import in_directory, publish, staff
from tests.support.auth import bearer
from tests.support.factories import uid
from tests.support.kafka import TopicTail
from tests.support.waiting import eventually

SECOND = timedelta(seconds=1)


async def a_team(tracking) -> dict[str, str]:
    ids = {"team": uid("team"), "tm": uid("tm"), "sw": uid("sw"), "hos": uid("hos")}
    await staff(team=ids["team"], head_of_service=ids["hos"],
                people={ids["tm"]: None, ids["sw"]: ids["tm"]},
                job_roles={ids["tm"]: "Team manager"})
    await in_directory(tracking, ids["tm"], ids["sw"])
    return ids


async def test_a_safety_link_raises_one_urgent_action_escalated_once_if_unacknowledged(
        tracking):
    ids = await a_team(tracking)
    link = SafetyLinkTriggered(item_id=uid("item"), source_id=uid("momo"),
                               case_ref=uid("TEST-CASE"), team_id=ids["team"],
                               received_on=england_today(), received_at=datetime.now(ENGLAND))
    action_id = action_id_for("safety_link", link.item_id, "urgent")
    async with TopicTail(topics.ACTION) as actions, TopicTail(topics.ALERT) as alerts:
        await publish(link)
        await publish(link)  # redelivered: nothing new
        raised = await actions.wait_for(lambda m: m["subject"] == action_id)
        alert = await alerts.wait_for(lambda m: m["data"]["about_id"] == link.item_id)
        stored = await eventually(lambda: tracking.deps.deadlines.collection.find_one(
            {"_id": deadline_id("acknowledgement", action_id)}), what="acknowledgement")

        data = raised["data"]
        assert data["urgent"] and data["owner_id"] == ids["tm"]
        assert data["origin"] == {"kind": "safety_link", "id": link.item_id}
        assert alert["data"]["action_id"] == action_id and alert["data"]["urgent"]
        assert alert["data"]["owner_id"] == ids["tm"] and link.case_ref not in str(alert)
        assert stored["open"] and stored["owner_id"] == ids["tm"]

        acknowledge_by = datetime.fromisoformat(data["acknowledge_by"])
        tracking.clock.jump_to(acknowledge_by - SECOND)
        await deadline_alerts.raise_due(tracking.deps)
        tracking.clock.jump_to(acknowledge_by + SECOND)
        escalated = await alerts.wait_for(
            lambda m: m["data"]["kind"] == "escalated" and m["data"]["about_id"] == action_id)
        assert escalated["data"]["escalated_to"] == ids["hos"]
        assert escalated["data"]["action_id"] == action_id
        await deadline_alerts.raise_due(tracking.deps)  # again: nothing more
        later: list[dict] = []  # every alert after the escalation, to the topic's end
        await alerts.examine_to_end(later.append)
        assert [m for m in later if m["data"]["about_id"] in (action_id, link.item_id)] == []
        copies: set[str] = set()

        def same_action(m):
            if m["subject"] == action_id and m["event_type"] == "action.raised":
                copies.add(m["event_id"])

        await actions.examine_to_end(same_action)
        # The redelivery raised no second fact: any later copy (the suite's own action
        # tracking, with its own store, raises it too) has the same event id.
        assert copies <= {raised["event_id"]}


async def test_an_acknowledged_concern_is_not_escalated(tracking):
    ids = await a_team(tracking)
    concern = SafeguardingConcernRaised(
        concern_id=uid("concern"), audit_id=uid("audit"), case_ref=uid("TEST-CASE"),
        team_id=ids["team"], raised_by=uid("auditor"), summary="Synthetic concern",
        raised_at=datetime.now(ENGLAND))
    action_id = action_id_for("safeguarding_concern", concern.concern_id, "urgent")
    async with TopicTail(topics.ACTION) as actions, TopicTail(topics.ALERT) as alerts:
        await publish(concern)
        raised = await actions.wait_for(lambda m: m["subject"] == action_id)
        assert raised["data"]["origin"] == {"kind": "safeguarding_concern",
                                            "id": concern.audit_id}
        # The event on the topic may be the suite's own action tracking's: wait for this one's.
        await eventually(lambda: tracking.deps.actions.get(action_id), what="the action stored")
        async with httpx.AsyncClient() as http:
            refused = await http.post(f"{tracking.url}/actions/{action_id}/acknowledge",
                                      json={}, headers=bearer("social_worker", sub=ids["sw"]))
            assert refused.status_code == 403
            assert "team manager, head of service or head of quality" in refused.text
            done = await http.post(f"{tracking.url}/actions/{action_id}/acknowledge",
                                   json={}, headers=bearer("team_manager", sub=ids["tm"]))
        assert done.status_code == 200 and done.json()["status"] == "in_progress"
        changed = await actions.wait_for(
            lambda m: m["subject"] == action_id and m["event_type"] == "action.status_changed")
        assert changed["data"]["change"] == "acknowledged"
        await eventually(lambda: tracking.deps.deadlines.collection.find_one(
            {"_id": deadline_id("acknowledgement", action_id), "open": False}),
            what="the acknowledgement closed")
        tracking.clock.jump_to(datetime.fromisoformat(raised["data"]["acknowledge_by"])
                               + SECOND)
        await deadline_alerts.raise_due(tracking.deps)
        seen: list[dict] = []
        await alerts.examine_to_end(seen.append)
        assert [m for m in seen if m["data"]["about_id"] == action_id] == []


async def test_a_new_due_date_keeps_the_original_and_a_completion_carries_both(tracking):
    ids = await a_team(tracking)
    due = england_today() + timedelta(days=10)
    body = {"origin": {"kind": "performance_clinic", "id": uid("clinic")}, "key": "k",
            "description": "Synthetic action", "owner_id": ids["sw"], "due_date": str(due)}
    tm, sw = bearer("team_manager", sub=ids["tm"]), bearer("social_worker", sub=ids["sw"])
    later = due + timedelta(days=7)
    async with httpx.AsyncClient(base_url=tracking.url) as http, \
            TopicTail(topics.ACTION) as actions:
        action_id = (await http.post("/actions", json=body, headers=tm)).json()["_id"]
        past = await http.post(f"/actions/{action_id}/due-date", headers=tm, json={
            "due_date": str(england_today() - timedelta(days=1)), "reason": "Synthetic"})
        assert past.status_code == 422 and past.json()["detail"][0]["loc"][-1] == "due_date"
        by_owner = await http.post(f"/actions/{action_id}/due-date", headers=sw, json={
            "due_date": str(later), "reason": "Synthetic"})
        assert by_owner.status_code == 403
        moved = await http.post(f"/actions/{action_id}/due-date", headers=tm, json={
            "due_date": str(later), "reason": "Synthetic leave"})
        assert moved.status_code == 200
        assert (moved.json()["due_date"], moved.json()["original_due_date"]) == (
            str(later), str(due))
        event = await actions.wait_for(lambda m: m["event_type"] == "action.due_date_changed"
                                       and m["subject"] == action_id)
        assert (event["data"]["due_date"], event["data"]["original_due_date"]) == (
            str(later), str(due))
        await eventually(lambda: tracking.deps.deadlines.collection.find_one(
            {"_id": deadline_id("action", action_id), "due_on": str(later)}),
            what="the deadline follows the new date")

        await http.post(f"/actions/{action_id}/complete", headers=sw,
                        json={"evidence": "Synthetic evidence"})
        back = await http.post(f"/actions/{action_id}/send-back", headers=tm,
                               json={"reason": "Synthetic: not yet"})
        assert back.status_code == 200 and back.json()["status"] == "in_progress"
        by_self = await http.post(f"/actions/{action_id}/send-back", headers=tm,
                                  json={"reason": "Synthetic"})
        assert by_self.status_code == 409
        done = await http.post(f"/actions/{action_id}/complete", headers=sw,
                               json={"evidence": "Synthetic evidence again"})
        assert done.json()["status"] == "completed"

        def completion(m):
            return (m["subject"] == action_id and m["event_type"] == "action.status_changed"
                    and m["data"]["change"] == "completed")

        first = await actions.wait_for(completion)
        sent_back = await actions.wait_for(
            lambda m: m["subject"] == action_id and m["data"].get("change") == "sent_back")
        second = await actions.wait_for(completion)
        for completed in (first, second):
            assert (completed["data"]["due_date"], completed["data"]["original_due_date"]) == (
                str(later), str(due))
        assert sent_back["data"]["status"] == "in_progress"
