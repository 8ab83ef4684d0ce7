"""A team's performance clinic end to end on the real Kafka and store: scheduled for a team
in the directory, held, minuted with priorities, actions and a person needing support,
signed off by its chair (then immutable); its action tracked by action tracking to
confirmation; the next clinic opening with the last one's priorities and what became of its
actions."""

from __future__ import annotations

from datetime import date, timedelta

import httpx

from schemas import topics
from shared.england_time import england_today
from tests.support.action_tracking import in_directory
from tests.support.auth import bearer
from tests.support.factories import uid
from tests.support.kafka import TopicTail
from tests.support.learning import directory, known
from tests.support.waiting import eventually

TODAY = england_today()


async def a_team(learning, tracking) -> dict[str, str]:
    ids = {"team": uid("team"), "tm": uid("tm"), "sw": uid("sw"), "sw2": uid("sw"),
           "hos": uid("hos")}
    await directory(team=ids["team"], head_of_service=ids["hos"], people={
        ids["tm"]: {}, ids["sw"]: {"line_manager_id": ids["tm"]},
        ids["sw2"]: {"line_manager_id": ids["tm"]}, ids["hos"]: {}})
    await known(learning, team=ids["team"], people=[ids["tm"], ids["sw"], ids["sw2"]])
    await in_directory(tracking, ids["tm"], ids["sw"])
    return ids


async def held_clinic(http, learning, ids, *, on: date) -> dict:
    tm = bearer("team_manager", sub=ids["tm"])
    response = await http.post(f"{learning.url}/meetings", headers=tm, json={
        "kind": "performance_clinic", "title": "Synthetic clinic", "team_id": ids["team"],
        "scheduled_for": str(on), "chair_id": ids["tm"],
        "pack": {"report": "performance_clinic", "period_from": "2026-05",
                 "period_to": "2026-10", "filters": {"team_id": ids["team"]}}})
    assert response.status_code == 201, response.text
    meeting = response.json()
    response = await http.post(f"{learning.url}/meetings/{meeting['_id']}/held", headers=tm,
                               json={"held_on": str(on), "attendee_ids": [ids["sw"]]})
    assert response.status_code == 200, response.text
    assert response.json()["pack"]["frozen_on"] == str(on)
    return response.json()


async def test_a_clinic_held_signed_tracked_and_carried_into_the_next(learning, tracking):
    async with httpx.AsyncClient() as http:
        ids = await a_team(learning, tracking)
        tm = bearer("team_manager", sub=ids["tm"])
        first = await held_clinic(http, learning, ids, on=TODAY - timedelta(days=3))
        minutes = {
            "notes": "Synthetic discussion of the fictional pack.",
            "decisions": ["Synthetic: refresh every plan older than six months"],
            "actions": [{"key": "a1", "description": "Synthetic: refresh the fictional plans",
                         "owner_id": ids["sw"], "due_date": str(TODAY + timedelta(days=14))}],
            "clinic": {"priorities": ["Synthetic priority: fewer drifting plans"],
                       "escalated_themes": [{"theme_id": "t1", "to": "senior_managers",
                                             "text": "Synthetic: court delays"}],
                       "support": [{"person_id": ids["sw2"], "need": "training"}]}}
        url = f"{learning.url}/meetings/{first['_id']}"
        assert (await http.put(f"{url}/minutes", headers=tm, json=minutes)).status_code == 200
        async with TopicTail(topics.ACTION) as actions:
            signed = await http.post(f"{url}/sign-off", headers=tm)
            assert signed.status_code == 200, signed.text
            raised = await actions.wait_for(
                lambda m: m["event_type"] == "action.raised"
                and m["data"]["origin"]["id"] == first["_id"])
        assert raised["data"]["origin"]["kind"] == "performance_clinic"
        assert raised["data"]["team_id"] == ids["team"]

        edit = await http.put(f"{url}/minutes", headers=tm, json=minutes)
        assert edit.status_code == 409 and "corrections" in edit.json()["detail"]
        seen = await http.get(f"{url}/support", headers=tm)
        assert [s["person_id"] for s in seen.json()] == [ids["sw2"]]
        stranger = await http.get(f"{url}/support", headers=bearer("team_manager", sub=uid("tm")))
        assert stranger.json() == []
        assert "support" not in (await http.get(url, headers=tm)).json()["minutes"]["clinic"]

        action = f"{tracking.url}/actions/{raised['data']['action_id']}"
        done = await http.post(f"{action}/complete", headers=bearer("social_worker", sub=ids["sw"]),
                               json={"evidence": "Synthetic: plans refreshed"})
        assert done.status_code == 200, done.text
        confirmed = await http.post(f"{action}/confirm", headers=tm, json={})
        assert confirmed.status_code == 200, confirmed.text

        second = await http.post(f"{learning.url}/meetings", headers=tm, json={
            "kind": "performance_clinic", "title": "Synthetic clinic, next",
            "team_id": ids["team"], "scheduled_for": str(TODAY), "chair_id": ids["tm"]})
        assert second.status_code == 201, second.text
        carried = second.json()["carried_priorities"]
        assert [p["text"] for p in carried] == ["Synthetic priority: fewer drifting plans"]

        async def last_actions_confirmed():
            body = (await http.get(f"{learning.url}/meetings/{second.json()['_id']}",
                                   headers=tm)).json()
            statuses = [a["status"] for a in body["last_clinic_actions"]]
            return statuses == ["confirmed"]

        await eventually(last_actions_confirmed, what="the last clinic's action confirmed")


async def test_a_clinic_for_a_team_not_in_the_directory_is_refused_naming_the_field(learning):
    async with httpx.AsyncClient() as http:
        response = await http.post(f"{learning.url}/meetings", headers=bearer("team_manager"),
                                   json={"kind": "performance_clinic", "title": "Clinic",
                                         "team_id": uid("no-such-team"),
                                         "scheduled_for": str(TODAY)})
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["body", "team_id"]


async def test_no_sign_off_without_a_decision_and_guests_see_their_pack_only(learning, tracking):
    async with httpx.AsyncClient() as http:
        ids = await a_team(learning, tracking)
        hoq = bearer("head_of_quality", sub=ids["tm"])
        forum = await http.post(f"{learning.url}/meetings", headers=hoq, json={
            "kind": "qa_forum", "title": "Synthetic QA Forum", "scheduled_for": str(TODAY),
            "chair_id": ids["tm"], "guest_ids": ["guest-student-01"],
            "pack": {"report": "qa_forum", "period_from": "2026-08", "period_to": "2026-10"}})
        assert forum.status_code == 201, forum.text
        url = f"{learning.url}/meetings/{forum.json()['_id']}"
        guest = bearer("guest", sub="guest-student-01")
        assert (await http.get(f"{url}/pack", headers=guest)).json()["pack"]["report"] == "qa_forum"
        assert (await http.get(f"{url}/pack", headers=bearer("guest", sub="guest-x"))).status_code == 403
        assert (await http.get(url, headers=guest)).status_code == 403
        await http.post(f"{url}/held", headers=hoq, json={"held_on": str(TODAY)})
        await http.put(f"{url}/minutes", headers=hoq, json={"notes": "Synthetic"})
        refused = await http.post(f"{url}/sign-off", headers=hoq)
        assert refused.status_code == 422
        assert refused.json()["detail"][0]["loc"] == ["body", "decisions"]
        not_chair = await http.post(f"{url}/sign-off", headers=bearer("head_of_quality"))
        assert not_chair.status_code == 403
