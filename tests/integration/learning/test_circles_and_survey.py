"""Learning circles and the staff survey on the real Kafka and store. A case list imported
through audit capture carries child protection plans; learning finds the children who
qualify (18 months on a plan to the day, a second plan) and not the others (a day short,
an ended plan, no start date, not on a plan); a circle's action reaches action tracking.
A staff survey answer is stored and published with nothing that leads back to who gave
it, and a second answer by the same person is refused (409)."""

from __future__ import annotations

import json
from datetime import timedelta

import httpx
import pytest

from schemas import topics
from services.action_tracking.domain.actions import action_id_for
from services.audit_capture.bootstrap import build_app as audit_capture_app
from services.audit_capture.settings import AuditCaptureSettings
from services.learning.domain.circles import months_later
from shared.england_time import england_today
from tests.support.action_tracking import in_directory, staff
from tests.support.auth import bearer
from tests.support.factories import uid, unique_month
from tests.support.kafka import TopicTail
from tests.support.learning import known
from tests.support.waiting import eventually

HOQ = bearer("head_of_quality", sub="hoq-circles")
PLT = bearer("practice_learning_team", sub="plt-circles")


@pytest.fixture
async def audit_capture():
    settings = AuditCaptureSettings(mongo_database=uid("itest_audit").replace("-", "_"),
                                    kafka_group_suffix=uid("-g"))
    app = audit_capture_app(settings)
    async with app.router.lifespan_context(app):
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://audit") as http:
            yield http
        await app.state.runtime.store.client.drop_database(settings.database_name)


async def test_children_who_qualify_for_a_circle_are_found_from_a_case_list(
        learning, tracking, audit_capture):
    team, owner, month = uid("team"), uid("sw"), unique_month()
    await staff(team=team, people={owner: None})
    await known(learning, team=team, people=[owner])
    await in_directory(tracking, owner)
    on = england_today()
    ref = {name: uid(f"TEST-{name}") for name in
           ("eighteen", "day-short", "second", "ended", "no-date", "cin")}
    rows = [(ref["eighteen"], "CP", months_later(on, -18), 1, ""),
            (ref["day-short"], "CP", months_later(on, -18) + timedelta(days=1), 1, ""),
            (ref["second"], "CP", on - timedelta(days=20), 2, ""),
            (ref["ended"], "CP", months_later(on, -30), 1, on.isoformat()),
            (ref["no-date"], "CP", "", "", ""),
            (ref["cin"], "CIN", "", "", "")]
    csv_text = "case_ref,team_id,category,cp_plan_start_date,cp_plan_number,cp_plan_end_date\n"
    csv_text += "".join(f"{r},{team},{cat},{start},{number},{ended}\n"
                        for r, cat, start, number, ended in rows)

    assert (await audit_capture.post("/programme", headers=HOQ, json={
        "first_month": month, "themes": ["Synthetic theme"]})).status_code in (200, 201)
    imported = await audit_capture.post(f"/programme/{month}/cases", headers=HOQ,
                                        content=csv_text, params={})
    assert imported.status_code == 200, imported.text

    async with httpx.AsyncClient(base_url=learning.url) as http:
        async def listed():
            found = (await http.get("/learning-circles", params={"on": on.isoformat()},
                                    headers=PLT)).json()
            return found if found["list_month"] == month else None

        found = await eventually(listed, what="the case list's plans in learning")
        proposed = {c["case_ref"] for c in found["children"]}
        assert proposed == {ref["eighteen"], ref["second"]}
        assert found["without_start"] == [ref["no-date"]]
        assert [s["case_ref"] for s in found["schedule"]] == [ref["eighteen"], ref["second"]]
        assert found["schedule"][1]["circle_on"] == (on + timedelta(weeks=8)).isoformat()

        # A day earlier the first child is a day short of 18 months.
        earlier = (await http.get("/learning-circles", headers=PLT, params={
            "on": (on - timedelta(days=1)).isoformat()})).json()
        assert ref["eighteen"] not in {c["case_ref"] for c in earlier["children"]}

        no_date = await http.post("/learning-circles/proposals", headers=PLT, json={
            "case_ref": uid("TEST-by-hand"), "team_id": team})
        assert no_date.status_code == 422
        assert no_date.json()["detail"][0]["loc"] == ["body", "plan_start_date"]
        assert (await http.get("/learning-circles", headers=bearer(
            "social_worker", sub=owner))).status_code == 403

        due = (on + timedelta(days=30)).isoformat()
        circle = await http.post("/learning-circles", headers=PLT, json={
            "held_on": on.isoformat(), "case_ref": ref["eighteen"], "team_id": team,
            "core_group": "Synthetic core group", "attendees": ["Fictional school nurse"],
            "learning": ["Synthetic: the plan's goals were unclear to the family"],
            "actions": [{"key": "goals", "description": "Synthetic: rewrite the plan's goals",
                         "owner_id": owner, "due_date": due}]})
        assert circle.status_code == 201, circle.text
        after = (await http.get("/learning-circles", headers=PLT,
                                params={"on": on.isoformat()})).json()
        assert {c["case_ref"] for c in after["children"]} == {ref["second"]}
        assert after["schedule"][0]["circle_on"] == (on + timedelta(weeks=8)).isoformat()

    action = await eventually(
        lambda: tracking.deps.actions.get(action_id_for("learning_circle",
                                                        circle.json()["_id"], "goals")),
        what="the circle's action in action tracking")
    assert action["owner_id"] == owner and action["origin"]["kind"] == "learning_circle"


async def test_a_survey_answer_cannot_be_traced_to_who_gave_it(learning):
    person, year = uid("sw-survey"), 2091
    marker = uid("corr")
    questions = {"title": "Fictional staff survey", "questions": [
        "Audits of my cases help me reflect", "I get feedback I can use"]}
    async with httpx.AsyncClient(base_url=learning.url) as http:
        for y, qs in ((year - 1, questions["questions"][1:]), (year, questions["questions"])):
            assert (await http.put(f"/staff-surveys/{y}", headers=HOQ,
                                   json=questions | {"questions": qs})).status_code == 200
        assert (await http.post(f"/staff-surveys/{year - 1}/answers", headers=bearer(
            "team_manager", sub=uid("tm")), json={"ratings": {"q1": 2}})).status_code == 202
        me = bearer("social_worker", sub=person) | {"X-Correlation-ID": marker}
        async with TopicTail(topics.LEARNING) as tail:
            first = await http.post(f"/staff-surveys/{year}/answers", headers=me,
                                    json={"ratings": {"q1": 5, "q2": 4}})
            assert first.status_code == 202, first.text
            event = await tail.wait_for(
                lambda m: m["event_type"] == "staff_survey.answered"
                and m["data"]["year"] == year, timeout=30)
        again = await http.post(f"/staff-surveys/{year}/answers", headers=me,
                                json={"ratings": {"q1": 1, "q2": 1}})
        assert again.status_code == 409 and "once" in again.json()["detail"]
        assert (await http.put(f"/staff-surveys/{year}", headers=HOQ,
                               json=questions)).status_code == 409

        results = (await http.get(f"/staff-surveys/{year}/results", headers=bearer(
            "director", sub="dir-1"))).json()
        assert results["answers"] == 1 and results["answers_before"] == 1
        assert results["questions"][1]["before"]["mean"] == 2.0
        assert (await http.get(f"/staff-surveys/{year}/results", headers=bearer(
            "social_worker", sub=person))).status_code == 403

    stored = await learning.deps.surveys.answers(f"staff-survey-{year}")
    assert len(stored) == 1
    assert set(stored[0]) == {"_id", "survey_id", "year", "answered_on", "ratings"}
    message = json.dumps(event)
    for trace in (person, marker, first.headers.get("X-Correlation-ID", marker)):
        assert trace not in json.dumps(stored, default=str) and trace not in message
    assert event["occurred_at"].startswith(england_today().isoformat())
    assert event["occurred_at"][11:19] == "00:00:00"  # the day only
    assert set(event["data"]) == {"answer_id", "survey_id", "year", "answered_on", "ratings"}
    # Who answered is kept apart, sorted, with no time and no link to the answer.
    respondents = await learning.deps.surveys._respondents.find_one(
        {"_id": f"staff-survey-{year}"})
    assert set(respondents) == {"_id", "respondents"} and respondents["respondents"] == [person]
