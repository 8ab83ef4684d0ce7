"""Actions from audits and observations (exactly once), raised directly by people (owner in
the directory, no past due dates), and the whole lifecycle with roles, on the real Kafka
and store."""

from __future__ import annotations

import asyncio
from datetime import timedelta

import httpx

from schemas import topics
from schemas.observation import ConferenceChecklistRecorded, PracticeObservationRecorded
from shared.england_time import england_today
from tests.support.action_tracking import in_directory, publish, staff
from tests.support.auth import bearer
from tests.support.events import audit_submitted
from tests.support.factories import uid
from tests.support.kafka import opened, TopicTail
from tests.support.waiting import eventually


async def actions_for(tracking, origin_id: str, count: int) -> list[dict]:
    async with httpx.AsyncClient() as http:
        async def found():
            response = await http.get(f"{tracking.url}/actions", params={"origin_id": origin_id},
                                      headers=bearer("head_of_quality"))
            body = response.json()
            return body if len(body) >= count else None

        return await eventually(found, what=f"{count} actions from {origin_id}")


async def test_an_audit_and_an_observation_raise_their_actions_exactly_once(tracking):
    audit = audit_submitted(actions=2)
    observation = PracticeObservationRecorded(
        observation_id=uid("obs"), worker_id=uid("sw"), observer_id=uid("tm"), team_id=uid("team"),
        observed_on=england_today(), consent_confirmed=True,
        actions=[{"key": "o1", "description": "Synthetic reflective action",
                  "owner_id": uid("sw"), "due_date": str(england_today() + timedelta(days=20))}])
    handled = tracking.app.state.runtime.metrics.events_handled
    before = handled.labels("audit.submitted")._value.get()
    async with TopicTail(topics.ACTION) as tail:
        await publish(audit, observation)
        await publish(audit, observation)  # redelivered: nothing new
        await eventually(lambda: asyncio.sleep(0, handled.labels("audit.submitted")._value.get()
                                               >= before + 2), what="both deliveries handled")
        from_audit = await actions_for(tracking, audit.audit_id, 2)
        from_observation = await actions_for(tracking, observation.observation_id, 1)
        messages: list[dict] = []

        async def read_to_end() -> list[dict]:
            ends = await tail.consumer.end_offsets(list(tail.start_offsets))
            while [tp for tp, end in ends.items() if await tail.consumer.position(tp) < end]:
                batches = await tail.consumer.getmany(timeout_ms=200)
                messages.extend([await opened(r.value) for rs in batches.values() for r in rs])
            return [m for m in messages if m["event_type"] == "action.raised"
                    and m["data"]["origin"]["id"] == observation.observation_id]

        await eventually(read_to_end, what="the observation's action.raised")
    origins = {audit.audit_id, observation.observation_id}
    raised = {m["event_id"] for m in messages if m["event_type"] == "action.raised"
              and m["data"]["origin"]["id"] in origins}
    assert len(from_audit) == 2 and len(from_observation) == 1  # exactly, after redelivery
    assert {a["origin"]["kind"] for a in from_audit} == {"audit"}
    assert from_observation[0]["origin"]["kind"] == "practice_observation"
    assert all(a["status"] == "open" for a in from_audit + from_observation)
    # One fact per action whatever the redelivery (event ids are derived from the action, so
    # the copy the platform's own action_tracking process may publish is the same fact).
    assert len(raised) == 3


async def test_a_person_raises_a_clinic_action_for_someone_in_the_directory(tracking):
    team, owner, manager = uid("team"), uid("sw"), uid("tm")
    await staff(team=team, people={owner: manager, manager: None})
    await in_directory(tracking, owner, manager)
    body = {"origin": {"kind": "performance_clinic", "id": uid("clinic")}, "key": "k1",
            "description": "Synthetic: review the fictional plan", "owner_id": owner,
            "due_date": str(england_today() + timedelta(days=14)), "priority": "high"}
    async with httpx.AsyncClient() as http:
        created = await http.post(f"{tracking.url}/actions", json=body,
                                  headers=bearer("team_manager", sub=manager))
        again = await http.post(f"{tracking.url}/actions", json=body,
                                headers=bearer("team_manager", sub=manager))
        stranger = await http.post(f"{tracking.url}/actions", json=body | {
            "owner_id": uid("nobody"), "key": "k2"}, headers=bearer("team_manager", sub=manager))
        past = await http.post(f"{tracking.url}/actions", json=body | {
            "key": "k3", "due_date": str(england_today() - timedelta(days=3))},
            headers=bearer("team_manager", sub=manager))
        recorded = await http.post(f"{tracking.url}/actions", json=body | {
            "key": "k4", "due_date": str(england_today() - timedelta(days=3)), "recorded_past": True},
            headers=bearer("team_manager", sub=manager))
    assert created.status_code == 201 and created.json()["published"] is True
    assert created.json()["team_id"] == team and created.json()["raised_by"] == manager
    assert again.status_code == 200 and again.json()["_id"] == created.json()["_id"]
    assert stranger.status_code == 422 and stranger.json()["detail"][0]["loc"] == ["body", "owner_id"]
    assert past.status_code == 422 and past.json()["detail"][0]["loc"] == ["body", "due_date"]
    assert recorded.status_code == 201


async def test_the_lifecycle_with_roles(tracking):
    team, owner, manager, other_tm, new_owner = (uid("team"), uid("sw"), uid("tm"), uid("tm"),
                                                 uid("sw"))
    await staff(team=team, people={owner: manager, manager: None, new_owner: manager})
    await staff(team=uid("team"), people={other_tm: None})
    await in_directory(tracking, owner, manager, other_tm, new_owner)
    url = tracking.url
    body = {"origin": {"kind": "qa_forum", "id": uid("forum")}, "key": "k",
            "description": "Synthetic forum action", "owner_id": owner,
            "due_date": str(england_today() + timedelta(days=10))}
    as_owner = bearer("social_worker", sub=owner)
    as_new_owner = bearer("social_worker", sub=new_owner)
    as_manager = bearer("team_manager", sub=manager)
    async with httpx.AsyncClient() as http, TopicTail(topics.ACTION) as tail:
        action_id = (await http.post(f"{url}/actions", json=body, headers=as_manager)).json()["_id"]
        path = f"{url}/actions/{action_id}"
        too_early = await http.post(f"{path}/confirm", json={}, headers=as_manager)
        owner_cancels = await http.post(f"{path}/cancel", json={"reason": "x"}, headers=as_owner)
        unknown = await http.post(f"{path}/assign", json={"owner_id": uid("ghost")},
                                  headers=as_manager)
        assigned = await http.post(f"{path}/assign", json={"owner_id": new_owner},
                                   headers=as_manager)
        old_owner = await http.post(f"{path}/progress", json={"note": "n"}, headers=as_owner)
        progressed = await http.post(f"{path}/progress", json={"note": "Started, fictional"},
                                     headers=as_new_owner)
        no_evidence = await http.post(f"{path}/complete", json={}, headers=as_new_owner)
        completed = await http.post(f"{path}/complete", json={"evidence": "Fictional plan updated"},
                                    headers=as_new_owner)
        social_worker = await http.post(f"{path}/confirm", json={}, headers=as_new_owner)
        other_manager = await http.post(f"{path}/confirm", json={},
                                        headers=bearer("team_manager", sub=other_tm))
        confirmed = await http.post(f"{path}/confirm", json={}, headers=as_manager)
        reopened = await http.post(f"{path}/reopen", json={"reason": "Evidence thin"},
                                   headers=as_manager)
        cancelled = await http.post(f"{path}/cancel", json={"reason": "Superseded"},
                                    headers=as_manager)
        cancel_again = await http.post(f"{path}/cancel", json={"reason": "again"},
                                       headers=as_manager)
        history = (await http.get(f"{path}/history", headers=as_manager)).json()
        missing = await http.post(f"{url}/actions/{uid('nope')}/cancel", json={"reason": "x"},
                                  headers=as_manager)
        last = await tail.wait_for(lambda m: m["subject"] == action_id
                                   and m["data"].get("status") == "cancelled")
    assert too_early.status_code == 409 and "completed" in too_early.json()["detail"]
    assert owner_cancels.status_code == 403
    assert unknown.status_code == 422
    assert assigned.status_code == 200 and assigned.json()["owner_id"] == new_owner
    assert old_owner.status_code == 403
    assert progressed.json()["status"] == "in_progress"
    assert no_evidence.status_code == 422
    assert completed.json()["status"] == "completed"
    assert completed.json()["evidence"] == "Fictional plan updated"
    assert social_worker.status_code == 403  # not a role that may confirm
    assert other_manager.status_code == 403  # a manager, but not the owner's
    assert confirmed.json()["status"] == "confirmed"
    assert reopened.json()["status"] == "open"
    assert cancelled.json()["status"] == "cancelled"
    assert cancel_again.status_code == 409 and "cancelled" in cancel_again.json()["detail"]
    assert missing.status_code == 404
    assert [h["change"] for h in history] == ["raised", "assigned", "progressed", "completed",
                                              "confirmed", "reopened", "cancelled"]
    assert last["data"]["previous_status"] == "open" and last["data"]["changed_by"] == manager


async def test_concurrent_changes_move_an_action_on_once(tracking):
    team, owner, manager = uid("team"), uid("sw"), uid("tm")
    await staff(team=team, people={owner: manager, manager: None})
    await in_directory(tracking, owner, manager)
    as_manager = bearer("team_manager", sub=manager)
    body = {"origin": {"kind": "qa_forum", "id": uid("forum")}, "key": "k",
            "description": "Synthetic", "owner_id": owner,
            "due_date": str(england_today() + timedelta(days=10))}
    async with httpx.AsyncClient() as http:
        action_id = (await http.post(f"{tracking.url}/actions", json=body,
                                     headers=as_manager)).json()["_id"]
        answers = await asyncio.gather(*(
            http.post(f"{tracking.url}/actions/{action_id}/cancel",
                      json={"reason": f"Synthetic reason {n}"}, headers=as_manager)
            for n in range(6)))
        history = (await http.get(f"{tracking.url}/actions/{action_id}/history",
                                  headers=as_manager)).json()
    assert sorted(a.status_code for a in answers) == [200, 409, 409, 409, 409, 409]
    assert [h["change"] for h in history] == ["raised", "cancelled"]


async def test_a_chairs_checklist_raises_its_actions(tracking):
    checklist = ConferenceChecklistRecorded(
        checklist_id=uid("chk"), conference_type="cp_review", chair_id=uid("iro"),
        chair_role="iro", held_on=england_today(), case_ref=uid("TEST-CASE"), team_id=uid("team"),
        social_worker_id=uid("sw"), answers=[{"item": "Plan is specific", "answer": "partly"}],
        quality_grade="good", impact_grade="requires_improvement",
        feedback="Synthetic feedback for the line manager.",
        actions=[{"key": f"c{n}", "description": f"Synthetic chair action {n}",
                  "owner_id": uid("tm"), "due_date": str(england_today() + timedelta(days=14))}
                 for n in (1, 2)])
    await publish(checklist)
    raised = await actions_for(tracking, checklist.checklist_id, 2)
    assert sorted(a["description"] for a in raised) == ["Synthetic chair action 1",
                                                        "Synthetic chair action 2"]
    assert {(a["origin"]["kind"], a["team_id"]) for a in raised} == {
        ("conference_checklist", checklist.team_id)}
