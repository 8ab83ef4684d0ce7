"""The retention job end to end (issue 14) on the real Kafka and store: records dated long
ago written through audit capture (an audit loaded as history, with its action) and feedback
ingestion; data protection's dry run lists them per service and kind, the real run disposes
of exactly what the dry run listed, and afterwards they are blanked in each service's store
(audit capture, action tracking, feedback ingestion, reporting's facts) while their grades
stay. A legal hold on another child keeps that child's expired audit, in both runs."""

from __future__ import annotations

import uuid

from pymongo import AsyncMongoClient

from shared.settings import ServiceSettings
from tests.support.auth import bearer
from tests.support.factories import audit_command, feedback_item, uid
from tests.support.waiting import eventually

OFFICER = bearer("data_protection_officer", sub="dpo-fictional-002")
HISTORY = bearer("auditor", "admin", sub="admin-fictional-001")
LONG_AGO = {"month": "2016-01", "submitted_at": "2016-01-20T10:00:00Z"}  # 6 years long gone


def disposed(run: dict, service: str, kind: str) -> dict:
    return run["services"][service]["kinds"][kind]


async def test_dry_run_and_real_run_agree_and_a_hold_keeps_what_it_covers(services, http):
    dp = services.url("data_protection")
    team, child, held_child = uid("team"), f"TEST-RET-{uuid.uuid4().hex[:8]}", \
        f"TEST-HOLD-{uuid.uuid4().hex[:8]}"
    words = f"Fictional words {uuid.uuid4().hex[:8]} about a fictional visit"

    async def no_run_unfinished():  # the daily run at start-up may wait for a service
        runs = (await http.get(f"{dp}/retention/runs", headers=OFFICER)).json()
        return all(r["finished_at"] for r in runs if not r["dry_run"])
    await eventually(no_run_unfinished, timeout=90, what="the daily run finished")

    audits = {}
    for ref in (child, held_child):
        answer = await http.post(f"{services.url('audit_capture')}/audits", headers=HISTORY,
                                 json=audit_command(case_ref=ref, team_id=team, actions=1,
                                                    auditor_suggestions=words, **LONG_AGO))
        assert answer.status_code == 201, answer.text
        audits[ref] = answer.json()["audit_id"]
    taken = await http.post(f"{services.url('feedback_ingestion')}/feedback/items",
                            headers=bearer("integration"), json=feedback_item(
                                source="momo", case_ref=child, text=words, team_id=team,
                                received_on="2016-02-01"))
    assert taken.status_code in (201, 202), taken.text
    store = AsyncMongoClient(ServiceSettings().mongo_uri)
    facts_of = None

    async def everywhere():
        nonlocal facts_of
        actions = await store.qa_action_tracking.actions.count_documents({"team_id": team})
        facts = await http.get(f"{services.url('reporting')}/reports/facts/audits",
                               params={"month": "2016-01", "team": team},
                               headers=bearer("director"))
        facts_of = facts.json() if facts.status_code == 200 else None
        return actions == 2 and facts_of and len(facts_of) == 2
    await eventually(everywhere, timeout=60, what="actions and reporting's facts")

    hold = await http.post(f"{dp}/legal-holds", headers=OFFICER, json={
        "subject_kind": "child", "subject_ref": held_child,
        "reason": "Fictional inquiry's order to keep this child's records"})
    assert hold.status_code == 201, hold.text
    hold_id = hold.json()["_id"]
    try:
        dry = await http.post(f"{dp}/retention/runs", headers=OFFICER, json={"dry_run": True})
        assert dry.status_code == 201, dry.text
        dry = dry.json()
        assert dry["finished_at"] and all(s["answered"] for s in dry["services"].values())
        audit_outcome = disposed(dry, "audit_capture", "audits")
        assert audits[child] in audit_outcome["disposed_ids"]
        assert audits[held_child] not in audit_outcome["disposed_ids"]
        assert audit_outcome["held_by"][hold_id] == 1
        assert disposed(dry, "reporting", "audits")["held_by"][hold_id] == 1  # by case key
        assert disposed(dry, "action_tracking", "actions")["disposed"] >= 1
        # the held child's audit's action carries their case, so their hold keeps it
        assert disposed(dry, "action_tracking", "actions")["held_by"][hold_id] == 1
        assert disposed(dry, "feedback_ingestion", "feedback")["disposed"] >= 1
        # nothing changed by the dry run
        kept = await store.qa_audit_capture.audits.find_one({"_id": audits[child]})
        assert kept["case_ref"] == child

        real = await http.post(f"{dp}/retention/runs", headers=OFFICER, json={"dry_run": False})
        assert real.status_code == 201, real.text
        real = real.json()
        for service, done in dry["services"].items():
            assert {k: (o["expired"], o["held"], o["disposed"], sorted(o["disposed_ids"]))
                    for k, o in done["kinds"].items()} == {
                k: (o["expired"], o["held"], o["disposed"], sorted(o["disposed_ids"]))
                for k, o in real["services"][service]["kinds"].items()}, service
    finally:
        await http.post(f"{dp}/legal-holds/{hold_id}/lift", headers=OFFICER)

    audit = await store.qa_audit_capture.audits.find_one({"_id": audits[child]})
    assert audit["case_ref"] == "[erased]" and audit["auditor_suggestions"] == "[erased]"
    assert audit["overall_grade"] == "good" and audit["month"] == "2016-01"
    held = await store.qa_audit_capture.audits.find_one({"_id": audits[held_child]})
    assert held["case_ref"] == held_child
    actions = {a["origin"]["id"]: a for a in
               await store.qa_action_tracking.actions.find({"team_id": team}).to_list(None)}
    # each action carries its audit's case: the held child's is kept, the other blanked
    assert actions[audits[held_child]]["case_ref"] == held_child
    assert actions[audits[held_child]]["description"] != "[erased]"
    assert (actions[audits[child]]["case_ref"], actions[audits[child]]["description"]) == (
        "[erased]", "[erased]")
    assert all(a["due_date"] and a["team_id"] == team for a in actions.values())
    items = await store.qa_feedback_ingestion.items.find({"team_id": team}).to_list(None)
    assert [i["text"] for i in items] == ["[erased]"]
    facts = (await http.get(f"{services.url('reporting')}/reports/facts/audits",
                            params={"month": "2016-01", "team": team},
                            headers=bearer("director"))).json()
    assert sorted(f["overall_grade"] for f in facts) == ["good", "good"]  # figures stay
    runs = (await http.get(f"{dp}/retention/runs", headers=OFFICER)).json()
    assert {real["_id"], dry["_id"]} <= {r["_id"] for r in runs}
    await store.close()
