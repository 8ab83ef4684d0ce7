"""The practice learning team's work and the L&D programme (issue 13) on the real Kafka and
store: a practice observation shared with the team and an audit's outcome reach its queue
(an observation not shared does not); an item is marked reviewed once, and the worker's next
audit and graded observation show beside it; the worker's annual review falls due and is
recorded; their ASYE evidence gathers the audit and observations. A programme item's session
delivered to a team shows that team's audit grades after beside those before."""

from __future__ import annotations

from datetime import UTC, date, datetime

import httpx

from schemas.audit import AuditResultsShared
from schemas.observation import ChecklistAnswer, ConferenceChecklistRecorded
from schemas.observation import PracticeObservationRecorded
from shared.months import shift
from tests.support.action_tracking import publish, staff
from tests.support.auth import bearer
from tests.support.factories import uid
from tests.support.learning import known
from tests.support.waiting import eventually

PLT = bearer("practice_learning_team", sub="plt-001")


def shared_results(*, audit_id: str, team: str, worker: str, month: str,
                   grade: str) -> AuditResultsShared:
    return AuditResultsShared(audit_id=audit_id, month=month, team_id=team,
                              social_worker_id=worker, overall_grade=grade, impact_grade="good",
                              shared_at=datetime.now(UTC), case_ref=uid("TEST-CASE"),
                              auditor_ids=[uid("auditor")])


def observed(*, worker: str, team: str, on: date, shared: bool) -> PracticeObservationRecorded:
    return PracticeObservationRecorded(
        observation_id=uid("obs"), worker_id=worker, observer_id=uid("tm"), team_id=team,
        observed_on=on, consent_confirmed=True, critique="Fictional: warm, clear direct work",
        shared_with_practice_learning_team=shared)


async def test_the_queue_receives_a_shared_observation_and_an_audit_outcome(learning):
    team, tm, sw = uid("team"), uid("tm"), uid("sw")
    await staff(team=team, people={tm: None, sw: tm}, job_roles={tm: "team_manager"})
    await known(learning, team=team, people=[tm, sw])
    today = learning.clock.now().date()
    audit_id, month = uid("audit"), shift(today.isoformat()[:7], -1)
    shared, unshared = (observed(worker=sw, team=team, on=date(today.year - 1, 1, 15), shared=True),
                        observed(worker=sw, team=team, on=date(today.year - 1, 2, 1), shared=False))
    await publish(shared, unshared, shared_results(audit_id=audit_id, team=team, worker=sw,
                                                   month=month, grade="requires_improvement"))

    async with httpx.AsyncClient(base_url=learning.url) as http:
        async def queued() -> set[str]:
            body = (await http.get("/practice-learning/queue", headers=PLT)).json()
            found = {i["_id"] for i in body["to_review"] if i["worker_id"] == sw}
            return found if len(found) == 2 else set()

        assert await eventually(queued, what="the observation and audit in the queue") == {
            f"observation-{shared.observation_id}", f"audit-{audit_id}"}
        assert (await http.get("/practice-learning/queue", headers=bearer(
            "social_worker", sub=sw))).status_code == 403

        # Marked reviewed with a note, once; a principal social worker reads but may not mark.
        item = f"/practice-learning/queue/audit-{audit_id}/reviewed"
        assert (await http.post(item, headers=bearer("principal_social_worker", sub="psw-1"),
                                json={"note": "x"})).status_code == 403
        empty = await http.post(item, headers=PLT, json={"note": ""})
        assert empty.status_code == 422 and empty.json()["detail"][0]["loc"] == ["body", "note"]
        done = await http.post(item, headers=PLT, json={"note": "Fictional: plans drift; "
                                                                "coaching offered"})
        assert done.status_code == 200 and done.json()["status"] == "reviewed"
        assert (await http.post(item, headers=PLT, json={"note": "again"})).status_code == 409

        # What followed: the worker's next audit and a graded observation (a chair's checklist).
        later, checklist = uid("audit"), uid("checklist")
        await publish(shared_results(audit_id=later, team=team, worker=sw,
                                     month=shift(month, 1), grade="good"),
                      ConferenceChecklistRecorded(
                          checklist_id=checklist, chair_id=uid("iro"), conference_type="cp_review",
                          chair_role="cp_chair", held_on=today, case_ref=uid("TEST-CASE"),
                          team_id=team, social_worker_id=sw,
                          answers=[ChecklistAnswer(item="Plan is SMART", answer="yes")],
                          quality_grade="outstanding", impact_grade="good",
                          feedback="Fictional: well prepared"))

        async def followed() -> dict | None:
            body = (await http.get("/practice-learning/queue", headers=bearer(
                "principal_social_worker", sub="psw-1"))).json()
            mine = next(i for i in body["reviewed"] if i["_id"] == f"audit-{audit_id}")
            f = mine["followed"]
            return f if f["next_audit"] and f["next_observation"] else None

        f = await eventually(followed, what="the next audit and observation beside the item")
        assert (f["next_audit"]["id"], f["next_audit"]["overall_grade"]) == (later, "good")
        assert (f["next_observation"]["id"], f["next_observation"]["grade"]) == \
            (checklist, "outstanding")

        # Observed since last year and never reviewed: overdue; recorded, then not due.
        rows = (await http.get("/practice-learning/annual-reviews", headers=PLT)).json()
        row = next(r for r in rows if r["worker_id"] == sw)
        assert row["state"] == "overdue" and row["observations"] == 3
        refused = await http.post("/practice-learning/annual-reviews", headers=PLT, json={
            "worker_id": uid("sw"), "reviewed_on": today.isoformat(), "key_learning": "x"})
        assert refused.status_code == 422
        assert refused.json()["detail"][0]["loc"] == ["body", "worker_id"]
        recorded = await http.post("/practice-learning/annual-reviews", headers=PLT, json={
            "worker_id": sw, "reviewed_on": today.isoformat(),
            "key_learning": "Fictional: consistent direct work with children"})
        assert recorded.status_code == 201, recorded.text
        rows = (await http.get("/practice-learning/annual-reviews", headers=PLT)).json()
        row = next(r for r in rows if r["worker_id"] == sw)
        assert (row["state"], row["last_reviewed_on"]) == ("not_due", today.isoformat())

        # The ASYE evidence gathers the audits and observations, for the worker and manager.
        started = date(today.year - 1, 1, 1).isoformat()
        assert (await http.post("/asye", headers=PLT, json={
            "person_id": sw, "started_on": started})).status_code == 201
        for who in (bearer("social_worker", sub=sw), bearer("team_manager", sub=tm), PLT):
            evidence = (await http.get(f"/asye/{sw}", headers=who)).json()
            assert {p["id"] for p in evidence["evidence"]} >= {
                audit_id, later, shared.observation_id, unshared.observation_id, checklist}
        assert [p["months"] for p in evidence["points"]] == [3, 6, 12]
        assert (await http.get(f"/asye/{sw}", headers=bearer(
            "social_worker", sub=uid("sw")))).status_code == 403


async def test_a_sessions_attendance_shows_the_teams_later_audit_results(learning):
    team, other_team, tm, sw, other = uid("team"), uid("team"), uid("tm"), uid("sw"), uid("sw")
    await staff(team=team, people={tm: None, sw: tm}, job_roles={tm: "team_manager"})
    await staff(team=other_team, people={other: None})
    await known(learning, team=team, people=[tm, sw])
    await known(learning, team=other_team, people=[other])
    today = learning.clock.now().date()
    this_month = today.isoformat()[:7]
    # Before the session: two audits below good; after: one good, one outstanding. The other
    # team did not attend, so its audits are not counted.
    audits = [(team, shift(this_month, -2), "inadequate"),
              (team, shift(this_month, -1), "requires_improvement"),
              (team, shift(this_month, 1), "good"), (team, shift(this_month, 2), "outstanding"),
              (other_team, shift(this_month, 1), "inadequate")]
    ids = [uid("audit") for _ in audits]
    await publish(*[shared_results(audit_id=i, team=t, worker=sw if t == team else other,
                                   month=m, grade=g) for i, (t, m, g) in zip(ids, audits)])
    await eventually(lambda: learning.deps.results.get(ids[-1]), what="the audits in learning")

    hoq = bearer("head_of_quality", sub="hoq-001")
    async with httpx.AsyncClient(base_url=learning.url) as http:
        body = {"title": "Fictional: planning with pace", "scope": "team", "team_id": team,
                "source": {"kind": "finding", "ref": "findings", "text": "Fictional: plans drift"}}
        assert (await http.post("/development/items", headers=bearer(
            "social_worker", sub=sw), json=body)).status_code == 403
        unknown = await http.post("/development/items", headers=hoq,
                                  json={**body, "team_id": "no-such-team"})
        assert unknown.status_code == 422
        assert unknown.json()["detail"][0]["loc"] == ["body", "team_id"]
        item = (await http.post("/development/items", headers=hoq, json=body)).json()
        scheduled = await http.post(f"/development/items/{item['_id']}/sessions", headers=hoq,
                                    json={"title": "Fictional workshop",
                                          "scheduled_for": today.isoformat()})
        assert scheduled.status_code == 201
        session = scheduled.json()["sessions"][0]["session_id"]
        assert scheduled.json()["results"] is None  # nothing delivered yet
        deliver = f"/development/items/{item['_id']}/sessions/{session}/delivered"
        wrong = await http.post(deliver, headers=hoq, json={"delivered_on": today.isoformat(),
                                                            "attendee_ids": [sw, "nobody"]})
        assert wrong.status_code == 422
        assert wrong.json()["detail"][0]["loc"] == ["body", "attendee_ids", 1]
        delivered = await http.post(deliver, headers=hoq, json={
            "delivered_on": today.isoformat(), "attendee_ids": [sw, tm]})
        assert delivered.status_code == 200, delivered.text
        assert (await http.post(deliver, headers=hoq, json={
            "delivered_on": today.isoformat(), "attendee_ids": [sw]})).status_code == 409

        read = (await http.get(f"/development/items/{item['_id']}", headers=bearer(
            "social_worker", sub=sw))).json()
        assert read["attended_team_ids"] == [team]
        results = read["results"]
        assert results["before"]["audits"] == 2 and results["before"]["good_or_better_percent"] == 0
        assert results["after"]["audits"] == 2 and results["after"]["good_or_better_percent"] == 100
        assert results["change"] == "better"
        assert [r["team_id"] for r in results["by_team"]] == [team]
        listed = (await http.get("/development/programme", headers=bearer(
            "director", sub="dir-001"))).json()
        assert next(i for i in listed if i["_id"] == item["_id"])["results"]["change"] == "better"
