"""A child's data written through every service, and their subject access bundle gathered
until it holds all of it (issue 14): the writer the bundle and the erasure tests share.

Every free text written about the child carries a marker of its own (`words`), so a scan can
look for each one without meeting other tests' synthetic sentences."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from shared.england_time import england_today
from tests.e2e.reporting.test_moderation_reaches_the_briefing import HOQ, submitted_audit
from tests.support.auth import bearer
from tests.support.factories import audit_command, feedback_item, uid
from tests.support.waiting import eventually

OFFICER = bearer("data_protection_officer", sub="dpo-complete")
# What each service's part of the bundle must hold for it to be complete.
EXPECTED = {
    "audit_capture": {"audits", "observations"},
    "feedback_ingestion": {"items"},
    "action_tracking": {"actions"},
    "reporting": {"audit_facts", "moderation_facts", "action_facts", "feedback_facts",
                  "complaint_facts", "checklist_facts", "good_practice_facts"},
    "learning": {"results", "circles", "good_practice"},
}


@dataclass(frozen=True)
class ChildWritten:
    prefix: str
    month: str  # the audit's
    case_ref: str
    audit_id: str
    circle_id: str
    words: tuple[str, ...]  # each free-text marker written about the child

    @property
    def team_id(self) -> str:
        return f"{self.prefix}-team"


def _said(p: str, what: str) -> str:
    return f"Synthetic {what} said-{what.split()[0]}-{p}"


async def write_everywhere(services, http, p: str, month: str) -> ChildWritten:
    """An audit with its action, moderated with good practice and signed off (its results
    delivered in learning); a conference checklist; a Mind of My Own item and a complaint;
    a learning circle with an action: all naming the child `TEST-<p>`."""
    words = {w: _said(p, w) for w in (
        "suggestion", "childview", "evidence", "actionplan", "goodpractice", "checklistfeedback",
        "checklistcomment", "momo", "complaint", "coregroup", "attendee", "circlelearning",
        "circleaction")}
    audits = services.url("audit_capture")
    usual = audit_command()
    audit_id, _ = await submitted_audit(http, audits, p, month, findings={
        "auditor_suggestions": words["suggestion"],
        "child_view": {"status": "obtained", "summary": words["childview"]},
        "standards": [s | {"evidence": words["evidence"]} for s in usual["standards"]],
        "actions": [a | {"description": words["actionplan"]} for a in usual["actions"]]})
    case_ref, today = f"TEST-{p}", england_today()
    drawn = await http.post(f"{audits}/programme/{month}/moderation-sample", headers=HOQ,
                            json={"seed": 1})
    assert drawn.json()["audit_ids"] == [audit_id], drawn.text
    moderated = await http.post(f"{audits}/audits/{audit_id}/moderation", json={
        "standards": [{"standard": n, "agree": True} for n in range(1, 7)],
        "overall_agree": True, "good_practice": True,
        "good_practice_note": words["goodpractice"]},
        headers=bearer("moderator", sub=f"{p}-g2"))
    assert moderated.status_code == 200, moderated.text
    assert (await http.post(f"{audits}/audits/{audit_id}/sign-off", headers=HOQ)).is_success
    checklist = await http.post(f"{audits}/observations/checklists", headers=bearer("auditor"),
                                json={"conference_type": "cp_review", "chair_role": "cp_chair",
                                      "held_on": str(today), "case_ref": case_ref,
                                      "team_id": f"{p}-team", "social_worker_id": f"{p}-sw",
                                      "answers": [{"item": "Plan is clear", "answer": "partly",
                                                   "comment": words["checklistcomment"]}],
                                      "quality_grade": "good", "impact_grade": "good",
                                      "feedback": words["checklistfeedback"]})
    assert checklist.status_code == 201, checklist.text
    feedback = services.url("feedback_ingestion")
    item = await http.post(f"{feedback}/feedback/items", headers=bearer("integration"),
                           json=feedback_item(source="momo", case_ref=case_ref,
                                              team_id=f"{p}-team", text=words["momo"]))
    assert item.status_code in (201, 202), item.text
    complaint = await http.post(f"{feedback}/feedback/complaints", headers=bearer("integration"),
                                json={"source_id": uid("complaint"), "received_on": str(today),
                                      "complainant": "child", "team_id": f"{p}-team",
                                      "case_ref": case_ref, "themes": ["communication"],
                                      "summary": words["complaint"],
                                      "stages": [{"stage": 1, "started_on": str(today)}]})
    assert complaint.status_code in (201, 202), complaint.text
    circle_body = {
        "held_on": str(today), "case_ref": case_ref, "team_id": f"{p}-team",
        "core_group": words["coregroup"], "attendees": [words["attendee"]],
        "learning": [words["circlelearning"]],
        "actions": [{"key": "goals", "description": words["circleaction"],
                     "owner_id": f"{p}-g1", "due_date": str(today + timedelta(days=30))}]}

    async def circle_held():  # once learning's directory has the action's owner
        answer = await http.post(f"{services.url('learning')}/learning-circles", json=circle_body,
                                 headers=bearer("practice_learning_team", sub=f"{p}-plt"))
        assert answer.status_code in (201, 422), answer.text
        return answer if answer.status_code == 201 else None

    circle = await eventually(circle_held, interval=0.5, what="the learning circle recorded")
    return ChildWritten(prefix=p, month=month, case_ref=case_ref, audit_id=audit_id,
                        circle_id=circle.json()["_id"], words=tuple(words.values()))


async def complete_bundle(services, http, case_ref: str) -> tuple[str, dict]:
    """A subject access request for the child, gathered again until every service's part
    holds what EXPECTED names: (the request's id, the bundle)."""
    protection = services.url("data_protection")
    made = await http.post(f"{protection}/subject-access-requests", headers=OFFICER, json={
        "kind": "child", "reference": case_ref, "received_on": str(england_today())})
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
        return request_id, await eventually(complete, timeout=90, interval=2,
                                            what="every service's records about the child")
    except AssertionError as failed:
        raise AssertionError(f"{failed}; still missing: {missing}") from None
