"""The Learn stage (issue 13) on the real Kafka and store, with action tracking in the test:
an audit's results (`audit.results_shared`) reach the social worker and their line manager
(`learning.results_delivered` on qa.learning, both pages, both learning records); the worker
reflects; a supervision session discusses the audit, raises a next step that action tracking
stores, and is signed off; the line manager signs off the evidence, and the CPD export (CSV
and PDF) holds the audit, the reflection and the sign-off. Another worker is refused (403)."""

from __future__ import annotations

import csv
import io
from datetime import UTC, datetime, timedelta

import httpx

from schemas import topics
from schemas.audit import AuditResultsShared
from schemas.observation import ChecklistAnswer, ConferenceChecklistRecorded
from schemas.observation import PracticeObservationRecorded
from services.action_tracking.domain.actions import action_id_for
from shared.england_time import england_today
from tests.support.action_tracking import in_directory, publish, staff
from tests.support.auth import bearer
from tests.support.factories import uid, unique_month
from tests.support.kafka import TopicTail
from tests.support.learning import known
from tests.support.waiting import eventually


async def test_results_reach_the_worker_and_manager_then_supervision_and_cpd(learning, tracking):
    team, hos, tm, sw, other = (uid("team"), uid("hos"), uid("tm"), uid("sw"), uid("sw"))
    auditor, audit_id, month = uid("auditor"), uid("audit"), unique_month()
    await staff(team=team, head_of_service=hos, people={hos: None, tm: hos, sw: tm, other: tm,
                                                        auditor: None},
                job_roles={hos: "head_of_service", tm: "team_manager"})
    await known(learning, team=team, people=[hos, tm, sw, other, auditor])
    await in_directory(tracking, sw, tm)

    # Audit capture shares the results without naming the manager: learning's directory does.
    async with TopicTail(topics.LEARNING) as tail:
        await publish(AuditResultsShared(
            audit_id=audit_id, month=month, team_id=team, social_worker_id=sw,
            overall_grade="requires_improvement", impact_grade="good",
            shared_at=datetime.now(UTC), case_ref=uid("TEST-CASE"), auditor_ids=[auditor],
            completed_with_caseworker=True))
        delivered = await tail.wait_for(
            lambda m: m["event_type"] == "learning.results_delivered"
            and m["data"]["audit_id"] == audit_id)
    assert delivered["data"]["recipients"] == [sw, tm]
    assert delivered["data"]["case_ref"].startswith("TEST-CASE")
    # The event on the topic may be the suite's own learning's: wait for this one's.
    await eventually(lambda: learning.deps.results.get(audit_id), what="the results stored")

    worker, manager = bearer("social_worker", sub=sw), bearer("team_manager", sub=tm)
    async with httpx.AsyncClient(base_url=learning.url) as http:
        mine = (await http.get("/results/mine", headers=worker)).json()
        assert [r["_id"] for r in mine["mine"]] == [audit_id]
        assert mine["counts"] == {"audits": 1, "with_caseworker": 1}
        copied = (await http.get("/results/mine", headers=manager)).json()
        assert [r["_id"] for r in copied["copied"]] == [audit_id]
        page = await http.get("/my-results", headers=worker)
        assert page.status_code == 200 and "1 completed partly with me" in page.text

        # Only the case's worker reflects (403), and a field left empty is named (422).
        assert (await http.post(f"/results/{audit_id}/reflection", headers=bearer(
            "social_worker", sub=other), json={"response": "x", "reflection": "y"})).status_code == 403
        empty = await http.post(f"/results/{audit_id}/reflection", headers=worker,
                                json={"response": "Synthetic response", "reflection": ""})
        assert empty.status_code == 422 and empty.json()["detail"][0]["loc"] == ["body", "reflection"]
        reflected = await http.post(f"/results/{audit_id}/reflection", headers=worker, json={
            "response": "Synthetic response: I agree with the grades",
            "reflection": "=Synthetic reflection: see the child alone more often"})
        assert reflected.status_code == 200, reflected.text

        # Both learning records hold the audit: the worker's, and the auditor's as auditor.
        for person, who in ((sw, worker), (auditor, bearer("auditor", sub=auditor))):
            pieces = (await http.get(f"/learning-records/{person}", headers=who)).json()["pieces"]
            assert audit_id in {p["id"] for p in pieces}
        tm_view = (await http.get(f"/learning-records/{sw}", headers=manager)).json()
        assert {p["kind"] for p in tm_view["pieces"]} == {"audit", "reflection"}
        assert (await http.get(f"/learning-records/{sw}", headers=bearer(
            "social_worker", sub=other))).status_code == 403

        # A supervision session discusses the audit and raises a next step.
        due = (england_today() + timedelta(days=30)).isoformat()
        session = {"supervisee_id": sw, "held_on": england_today().isoformat(),
                   "discussed": [{"kind": "audit", "id": audit_id},
                                 {"kind": "observation", "id": "obs-synthetic-1"}],
                   "agreed": ["Synthetic: visit the child alone at the next visit"],
                   "actions": [{"key": "visit", "description": "Synthetic next step",
                                "owner_id": sw, "due_date": due}]}
        assert (await http.post("/supervisions", headers=bearer("team_manager", sub=other),
                                json=session)).status_code == 403
        created = await http.post("/supervisions", headers=manager, json=session)
        assert created.status_code == 201, created.text
        sid = created.json()["_id"]
        assert created.json()["discussed"][0]["title"] == \
            f"Audit {month}, case {delivered['data']['case_ref']}: overall requires improvement"
        for outsider in (bearer("social_worker", sub=other), bearer("auditor", sub=auditor)):
            assert (await http.get(f"/supervisions/{sid}", headers=outsider)).status_code == 403
        assert (await http.get(f"/supervisions/{sid}", headers=bearer(
            "head_of_service", sub=hos))).status_code == 200
        assert (await http.post(f"/supervisions/{sid}/sign-off", headers=worker)).status_code == 403
        signed = await http.post(f"/supervisions/{sid}/sign-off", headers=manager)
        assert signed.status_code == 200 and signed.json()["status"] == "signed_off"

        action_id = action_id_for("supervision", sid, "visit")

        async def tracked():
            return await tracking.deps.actions.get(action_id)

        action = await eventually(tracked, what="the supervision's next step in action tracking")
        assert action["owner_id"] == sw and action["origin"]["kind"] == "supervision"

        # The line manager signs off the reflection; another manager may not (403).
        piece = {"piece_kind": "reflection", "piece_id": audit_id, "comment": "Synthetic: well reflected"}
        assert (await http.post(f"/learning-records/{sw}/sign-off", headers=bearer(
            "head_of_service", sub=hos), json=piece)).status_code == 403
        ok = await http.post(f"/learning-records/{sw}/sign-off", headers=manager, json=piece)
        assert ok.status_code == 200, ok.text
        assert (await http.post(f"/learning-records/{sw}/sign-off", headers=manager,
                                json=piece)).status_code == 409

        # Observations of the worker, a chair's checklist of their work and a learning session
        # they attended join the record, each signed off like the other pieces.
        observation, checklist = uid("obs"), uid("checklist")
        await publish(PracticeObservationRecorded(
            observation_id=observation, worker_id=sw, observer_id=tm, team_id=team,
            observed_on=england_today(), consent_confirmed=True,
            critique="Synthetic critique: warm, clear direct work",
            action_plan="Synthetic plan: shorter recordings"),
            ConferenceChecklistRecorded(
                checklist_id=checklist, chair_id=uid("iro"), conference_type="cp_review",
                chair_role="cp_chair", held_on=england_today(), case_ref=uid("TEST-CASE"),
                team_id=team, social_worker_id=sw,
                answers=[ChecklistAnswer(item="Plan is SMART", answer="yes")],
                quality_grade="good", impact_grade="good", feedback="Synthetic: prepared"))
        hoq = bearer("head_of_quality", sub="hoq-001")
        item = (await http.post("/development/items", headers=hoq, json={
            "title": "Synthetic item: the child's voice", "scope": "team", "team_id": team,
            "source": {"kind": "finding", "ref": "findings", "text": "Synthetic: views missing"}})).json()
        scheduled = await http.post(f"/development/items/{item['_id']}/sessions", headers=hoq,
                                    json={"title": "Synthetic workshop",
                                          "scheduled_for": england_today().isoformat()})
        session = scheduled.json()["sessions"][0]["session_id"]
        assert (await http.post(
            f"/development/items/{item['_id']}/sessions/{session}/delivered", headers=hoq,
            json={"delivered_on": england_today().isoformat(), "attendee_ids": [sw]})).status_code == 200

        async def with_observations():
            pieces = (await http.get(f"/learning-records/{sw}", headers=worker)).json()["pieces"]
            kinds = {p["kind"]: p for p in pieces}
            return kinds if {"observation", "checklist", "session"} <= set(kinds) else None

        kinds = await eventually(with_observations, what="observations in the learning record")
        assert kinds["observation"]["id"] == observation
        assert kinds["observation"]["practice"] == "Synthetic plan: shorter recordings"
        assert kinds["checklist"]["learning"] == "Quality of practice good, impact for the child good"
        assert kinds["session"]["id"] == session
        assert kinds["session"]["title"] == "Synthetic workshop (Synthetic item: the child's voice)"
        for kind, piece_id in (("observation", observation), ("session", session)):
            ok = await http.post(f"/learning-records/{sw}/sign-off", headers=manager,
                                 json={"piece_kind": kind, "piece_id": piece_id})
            assert ok.status_code == 200, ok.text
        # The other worker's record holds none of them.
        other_pieces = (await http.get(f"/learning-records/{other}", headers=manager)).json()
        assert not {observation, checklist, session} & {p["id"] for p in other_pieces["pieces"]}

        exported = await http.get(f"/learning-records/{sw}.csv", headers=worker)
        rows = list(csv.DictReader(io.StringIO(exported.text)))
        kinds = {r["CPD activity"]: r for r in rows}
        assert "Audit of my practice (case audit)" in kinds
        reflection = kinds["Reflection on an audit of my practice"]
        assert reflection["What I learned or reflected"].startswith("'=Synthetic reflection")
        assert reflection["Signed off by (line manager)"] == tm
        assert "Reflective supervision discussion" in kinds
        assert kinds["Observation of my practice"]["Signed off by (line manager)"] == tm
        assert kinds["Conference chair's checklist on my practice"]["Signed off by (line manager)"] == ""
        assert kinds["Learning session attended (learning and development programme)"][
            "Signed off by (line manager)"] == tm
        pdf = await http.get(f"/learning-records/{sw}.pdf", headers=worker)
        assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
