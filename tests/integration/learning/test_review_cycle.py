"""The Review cycle on the real Kafka and store (issue 12): a clinic's escalated theme
answered at the next QA Forum (meeting.theme_answered; open until then; answered once), and
reporting showing it with the meetings held and the priorities agreed in the briefing and the
impact report; a planned clinic cancelled, after which the schedule raises the overdue alert
it had held back."""

from __future__ import annotations

from datetime import date, timedelta

import httpx

from schemas import topics
from shared.england_time import england_today
from tests.integration.reporting.conftest import running_reporting
from tests.support.auth import bearer
from tests.support.kafka import TopicTail
from tests.support.waiting import eventually

from .test_clinic_cycle import a_team, held_clinic

TODAY = england_today()
MONTH = TODAY.strftime("%Y-%m")


async def signed(http, url: str, token: dict, minutes: dict) -> None:
    response = await http.put(f"{url}/minutes", headers=token, json=minutes)
    assert response.status_code == 200, response.text
    response = await http.post(f"{url}/sign-off", headers=token)
    assert response.status_code == 200, response.text


async def a_forum(http, learning, chair: str, on: date) -> str:
    token = bearer("head_of_quality", sub=chair)
    response = await http.post(f"{learning.url}/meetings", headers=token, json={
        "kind": "qa_forum", "title": "Synthetic QA Forum", "scheduled_for": str(on),
        "chair_id": chair})
    assert response.status_code == 201, response.text
    forum = response.json()["_id"]
    response = await http.post(f"{learning.url}/meetings/{forum}/held", headers=token,
                               json={"held_on": str(on)})
    assert response.status_code == 200, response.text
    return forum


async def test_a_clinics_escalated_theme_answered_at_the_next_forum(learning, tracking):
    async with running_reporting() as (app, reporting, _), httpx.AsyncClient() as http:
        ids = await a_team(learning, tracking)
        tm = bearer("team_manager", sub=ids["tm"])
        clinic = await held_clinic(http, learning, ids, on=TODAY)  # all in this month
        await signed(http, f"{learning.url}/meetings/{clinic['_id']}", tm, {
            "decisions": ["Synthetic: escalate court delays"],
            "clinic": {"priorities": ["Synthetic priority: timely plans"],
                       "escalated_themes": [{"theme_id": "t1", "to": "senior_managers",
                                             "text": "Synthetic: court delays"}]}})
        themes = f"{learning.url}/meetings/escalated-themes"
        open_now = (await http.get(themes, headers=tm, params={"open_only": True})).json()
        mine = [t for t in open_now if t["meeting_id"] == clinic["_id"]]
        assert [(t["theme_id"], t["team_id"], t["answered_by"]) for t in mine] == [
            ("t1", ids["team"], None)]

        hoq = bearer("head_of_quality", sub=ids["hos"])
        forum = await a_forum(http, learning, ids["hos"], TODAY)
        answer = {"meeting_id": clinic["_id"], "theme_id": "t1",
                  "answer": "Synthetic: court liaison protocol agreed with partners"}
        async with TopicTail(topics.LEARNING) as learning_events:
            await signed(http, f"{learning.url}/meetings/{forum}", hoq, {
                "decisions": ["Synthetic: adopt the court liaison protocol"],
                "answers": [answer]})
            answered = await learning_events.wait_for(
                lambda m: m["event_type"] == "meeting.theme_answered"
                and m["data"]["meeting_id"] == forum)
        assert answered["data"]["escalated_by_meeting_id"] == clinic["_id"]
        assert answered["data"]["team_id"] == ids["team"]

        every = (await http.get(themes, headers=tm)).json()
        theme = next(t for t in every if t["meeting_id"] == clinic["_id"])
        assert (theme["answered_by"], theme["answer"]) == (forum, answer["answer"])
        still_open = (await http.get(themes, headers=tm, params={"open_only": True})).json()
        assert clinic["_id"] not in [t["meeting_id"] for t in still_open]

        later = await a_forum(http, learning, ids["hos"], TODAY)
        again = await http.put(f"{learning.url}/meetings/{later}/minutes", headers=hoq,
                               json={"decisions": ["Synthetic"], "answers": [answer]})
        assert again.status_code == 422, again.text
        assert again.json()["detail"][0]["loc"] == ["body", "answers", 0, "theme_id"]
        in_a_clinic = await http.put(f"{learning.url}/meetings/{clinic['_id']}/minutes",
                                     headers=tm, json={"answers": [answer]})
        assert in_a_clinic.status_code == 409  # signed off: corrections only

        async def review(path: str, params: dict) -> dict | None:
            response = await reporting.get(path, params={**params, "team": ids["team"]},
                                           headers=bearer("lead_member"))
            if response.status_code != 200:
                return None
            body = response.json()["review"]
            return body if body["themes_answered"] == 1 else None

        briefing = await eventually(
            lambda: review("/reports/monthly-briefing", {"month": MONTH}),
            what="the briefing's review cycle")
        impact = await eventually(lambda: review("/reports/impact", {"month": MONTH}),
                                  what="the impact report's review cycle")
        for body in (briefing, impact):  # the team's: its clinic (Forums belong to no team)
            assert body["by_kind"] == {"performance_clinic": {"held": 1, "on_time": 1}}
            assert (body["priorities_agreed"], body["themes_escalated"],
                    body["escalated_themes_answered_since"], body["escalated_themes_open"]) \
                == (1, 1, 1, 0)


async def test_a_cancelled_clinic_is_no_longer_planned_and_the_overdue_alert_comes(learning,
                                                                                   tracking):
    async with httpx.AsyncClient() as http, TopicTail(topics.ALERT) as alerts:
        ids = await a_team(learning, tracking)
        tm = bearer("team_manager", sub=ids["tm"])
        long_ago = TODAY - timedelta(days=214)

        async def schedule(on: date) -> str:
            response = await http.post(f"{learning.url}/meetings", headers=tm, json={
                "kind": "performance_clinic", "title": "Synthetic clinic",
                "team_id": ids["team"], "scheduled_for": str(on), "chair_id": ids["tm"]})
            assert response.status_code == 201, response.text
            return response.json()["_id"]

        old, planned = await schedule(long_ago), await schedule(TODAY + timedelta(days=20))
        response = await http.post(f"{learning.url}/meetings/{old}/held", headers=tm,
                                   json={"held_on": str(long_ago)})
        assert response.status_code == 200, response.text

        async def row() -> dict:
            schedule_rows = (await http.get(f"{learning.url}/clinic-schedule", headers=tm)).json()
            return next(r for r in schedule_rows if r["_id"] == ids["team"])

        assert (await row())["state"] == "planned"
        refused = await http.post(f"{learning.url}/meetings/{planned}/cancel", headers=tm,
                                  json={"reason": ""})
        assert refused.status_code == 422
        assert refused.json()["detail"][0]["loc"][-1] == "reason"
        cancelled = await http.post(f"{learning.url}/meetings/{planned}/cancel", headers=tm,
                                    json={"reason": "Synthetic: the chair is away"})
        assert cancelled.status_code == 200, cancelled.text
        assert cancelled.json()["status"] == "cancelled"
        alert = await alerts.wait_for(lambda m: m["event_type"] == "alert.raised"
                                      and m["data"]["about_id"] == ids["team"])
        assert alert["data"]["kind"] == "clinic_overdue"
        assert (await row())["state"] == "overdue"
        again = await http.post(f"{learning.url}/meetings/{planned}/cancel", headers=tm,
                                json={"reason": "Synthetic"})
        assert again.status_code == 409
        held_cancelled = await http.post(f"{learning.url}/meetings/{planned}/held", headers=tm,
                                         json={"held_on": str(TODAY)})
        assert held_cancelled.status_code == 409
