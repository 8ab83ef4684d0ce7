"""A child's data written through every service is all in their subject access bundle (issue
14): an audit with its action, moderated with good practice acknowledged and signed off; a
Mind of My Own item and a complaint naming the case; a conference chair's checklist; the
audit's results delivered in learning and a learning circle with an action. Records that do
not carry the case reference (the audit's action, reporting's moderation and action facts,
learning's good practice) are found through the ids of the child's records. Real Kafka,
store and all six services."""

from __future__ import annotations

from datetime import date, timedelta

from tests.e2e.reporting.test_moderation_reaches_the_briefing import HOQ, submitted_audit
from tests.support.auth import bearer
from tests.support.factories import feedback_item, uid, unique_month
from tests.support.waiting import eventually

OFFICER = bearer("data_protection_officer", sub="dpo-complete")
EXPECTED = {
    "audit_capture": {"audits", "observations"},
    "feedback_ingestion": {"items"},
    "action_tracking": {"actions"},
    "reporting": {"audit_facts", "moderation_facts", "action_facts", "feedback_facts",
                  "complaint_facts", "checklist_facts", "good_practice_facts"},
    "learning": {"results", "circles", "good_practice"},
}


async def _write_everywhere(services, http, p: str, month: str) -> tuple[str, str, str]:
    audits = services.url("audit_capture")
    audit_id, _ = await submitted_audit(http, audits, p, month)
    case_ref, today = f"TEST-{p}", date.today()
    drawn = await http.post(f"{audits}/programme/{month}/moderation-sample", headers=HOQ,
                            json={"seed": 1})
    assert drawn.json()["audit_ids"] == [audit_id], drawn.text
    moderated = await http.post(f"{audits}/audits/{audit_id}/moderation", json={
        "standards": [{"standard": n, "agree": True} for n in range(1, 7)],
        "overall_agree": True, "good_practice": True,
        "good_practice_note": "Synthetic: the fictional plan was written with the child."},
        headers=bearer("moderator", sub=f"{p}-g2"))
    assert moderated.status_code == 200, moderated.text
    assert (await http.post(f"{audits}/audits/{audit_id}/sign-off", headers=HOQ)).is_success
    checklist = await http.post(f"{audits}/observations/checklists", headers=bearer("auditor"),
                                json={"conference_type": "cp_review", "chair_role": "cp_chair",
                                      "held_on": str(today), "case_ref": case_ref,
                                      "team_id": f"{p}-team", "social_worker_id": f"{p}-sw",
                                      "answers": [{"item": "Plan is clear", "answer": "partly"}],
                                      "quality_grade": "good", "impact_grade": "good",
                                      "feedback": "Synthetic feedback for supervision"})
    assert checklist.status_code == 201, checklist.text
    feedback = services.url("feedback_ingestion")
    item = await http.post(f"{feedback}/feedback/items", headers=bearer("integration"),
                           json=feedback_item(source="momo", case_ref=case_ref,
                                              team_id=f"{p}-team"))
    assert item.status_code in (201, 202), item.text
    complaint = await http.post(f"{feedback}/feedback/complaints", headers=bearer("integration"),
                                json={"source_id": uid("complaint"), "received_on": str(today),
                                      "complainant": "child", "team_id": f"{p}-team",
                                      "case_ref": case_ref, "themes": ["communication"],
                                      "stages": [{"stage": 1, "started_on": str(today)}]})
    assert complaint.status_code in (201, 202), complaint.text
    circle_body = {
        "held_on": str(today), "case_ref": case_ref, "team_id": f"{p}-team",
        "core_group": "Synthetic core group", "attendees": ["Fictional school nurse"],
        "learning": ["Synthetic: the plan's goals were unclear to the family"],
        "actions": [{"key": "goals", "description": "Synthetic: rewrite the plan's goals",
                     "owner_id": f"{p}-g1", "due_date": str(today + timedelta(days=30))}]}

    async def circle_held():  # once learning's directory has the action's owner
        answer = await http.post(f"{services.url('learning')}/learning-circles", json=circle_body,
                                 headers=bearer("practice_learning_team", sub=f"{p}-plt"))
        assert answer.status_code in (201, 422), answer.text
        return answer if answer.status_code == 201 else None

    circle = await eventually(circle_held, interval=0.5, what="the learning circle recorded")
    return case_ref, audit_id, circle.json()["_id"]


async def test_a_childs_data_from_every_service_is_all_in_their_bundle(services, http):
    p, month = uid("sar"), unique_month()
    case_ref, audit_id, circle_id = await _write_everywhere(services, http, p, month)
    protection = services.url("data_protection")
    made = await http.post(f"{protection}/subject-access-requests", headers=OFFICER, json={
        "kind": "child", "reference": case_ref, "received_on": str(date.today())})
    assert made.status_code == 201, made.text
    request_id = made.json()["_id"]
    missing: dict[str, set[str]] = {}

    async def complete():
        gathered = await http.post(f"{protection}/subject-access-requests/{request_id}/bundle",
                                   headers=OFFICER)
        assert gathered.status_code == 200, gathered.text
        bundle = (await http.get(f"{protection}/subject-access-requests/{request_id}/bundle",
                                 headers=OFFICER)).json()
        missing.clear()
        missing.update({s: want - set(bundle["held"][s]) for s, want in EXPECTED.items()
                        if want - set(bundle["held"][s])})
        return bundle if not missing else None

    try:
        bundle = await eventually(complete, timeout=90, interval=2,
                                  what="every service's records about the child")
    except AssertionError as failed:
        raise AssertionError(f"{failed}; still missing: {missing}") from None
    held = bundle["held"]
    actions = held["action_tracking"]["actions"]
    assert {a["origin"]["id"] for a in actions} >= {audit_id, circle_id}
    assert all(a.get("case_ref") in (None, case_ref) for a in actions)
    assert [r["_id"] for r in held["learning"]["results"]] == [audit_id]
    assert [m["audit_id"] for m in held["reporting"]["moderation_facts"]] == [audit_id]
    assert len(held["feedback_ingestion"]["items"]) == 2  # the item and the complaint
    assert held["audit_capture"]["audits"][0]["_id"] == audit_id
