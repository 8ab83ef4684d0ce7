"""The auditor's audit form offers three optional action rows (what, who, by when): rows are
kept in drafts (the page's and the API's), a partly filled row is refused on each empty field
with everything typed kept, and two rows submitted become two actions of audit.submitted, the
event action tracking raises actions from (real Kafka and store, plain form posts)."""

from __future__ import annotations

import re

from schemas import topics
from schemas.audit import AuditSubmitted
from services.action_tracking.domain.actions import actions_from_finding
from tests.integration.audit_capture.test_moderator_drafts_and_sign_off import directory_csv
from tests.support.auth import bearer
from tests.support.factories import uid, unique_month
from tests.support.kafka import TopicTail

HOQ = bearer("head_of_quality", sub="hoq-it")


async def _allocated(client, p: str, **allocation: str) -> str:
    imported = await client.post("/directory/import", content=directory_csv(p),
                                 headers=HOQ | {"Content-Type": "text/csv"})
    assert imported.status_code == 200, imported.text
    month = unique_month()
    planned = await client.post("/programme", headers=HOQ, json={
        "first_month": month, "themes": ["Journey and impact"]})
    assert planned.status_code == 201, planned.text
    allocated = await client.post(f"/programme/{month}/allocations", headers=HOQ, json={
        "case_ref": f"TEST-{p}", "team_id": f"{p}-team", "auditor_ids": [f"{p}-g1a"],
        **allocation})
    assert allocated.status_code == 201, allocated.text
    return allocated.json()["audit_id"]


def _complete(p: str) -> dict[str, str]:
    return {"social_worker_id": f"{p}-sw", "child_seen_alone": "yes", "overall_grade": "good",
            "impact_grade": "good", "impact_better_off": "on", "child_view_status": "obtained",
            "child_view_summary": "Synthetic view", "parent_view_status": "not_possible",
            **{f"std{n}_grade": "good" for n in range(1, 7)}}


def _input(page: str, name: str) -> str:
    return re.search(rf'<input id="{name}" name="{name}"[^>]*>', page)[0]


def _summary(page: str) -> str:
    return re.search(r'id="error-summary".*?</div>', page, re.S)[0]


async def test_two_actions_typed_on_the_form_are_submitted_with_the_audit(client):
    p = uid("af")
    audit_id = await _allocated(client, p)
    auditor = bearer("auditor", sub=f"{p}-g1a")
    page = (await client.get(f"/audits/{audit_id}/form", headers=auditor)).text
    for n in (1, 2, 3):
        assert f'<label for="action_{n}_owner_id">Action {n}: owner&#39;s staff id</label>' \
            in page
    rows = {"action_1_description": "Synthetic: update the plan",
            "action_1_owner_id": f"{p}-g1a", "action_1_due_date": "2026-07-01",
            "action_2_description": "Synthetic: visit the school",
            "action_2_owner_id": f"{p}-sw", "action_2_due_date": "2026-07-15"}

    saved = await client.post(f"/audits/{audit_id}/form", headers=auditor,
                              data=rows | {"action_3_owner_id": f"{p}-sw", "action": "draft"})
    assert saved.status_code == 303, saved.text
    shown = (await client.get(saved.headers["location"], headers=auditor)).text
    assert "Draft saved." in shown
    assert 'value="Synthetic: visit the school"' in _input(shown, "action_2_description")
    assert f'value="{p}-sw"' in _input(shown, "action_3_owner_id")

    async with TopicTail(topics.AUDIT) as audits:
        done = await client.post(f"/audits/{audit_id}/form", headers=auditor,
                                 data=_complete(p) | rows | {"action": "submit"})
        assert done.status_code == 303, done.text
        assert done.headers["location"] == f"/?submitted={audit_id}"
        event = await audits.wait_for(lambda m: m["subject"] == audit_id
                                      and m["event_type"] == "audit.submitted")
    assert [(a["key"], a["description"], a["owner_id"], a["due_date"])
            for a in event["data"]["actions"]] == [
        ("a1", "Synthetic: update the plan", f"{p}-g1a", "2026-07-01"),
        ("a2", "Synthetic: visit the school", f"{p}-sw", "2026-07-15")]
    submitted = AuditSubmitted.model_validate(event["data"])  # as action tracking reads it
    raised = actions_from_finding(origin_kind="audit", origin_id=audit_id,
                                  team_id=submitted.team_id, raised=submitted.actions,
                                  raised_at=submitted.submitted_at)
    assert len({a.action_id for a in raised}) == 2 and raised[1].owner_id == f"{p}-sw"
    kept = (await client.get(f"/audits/{audit_id}", headers=HOQ)).json()
    assert [a["key"] for a in kept["actions"]] == ["a1", "a2"] and kept["draft"] is None


async def test_a_partly_filled_row_is_refused_on_its_empty_fields_with_what_was_typed_kept(
        client):
    p = uid("ap")
    audit_id = await _allocated(client, p)
    auditor = bearer("auditor", sub=f"{p}-g1a")
    form = _complete(p) | {
        "action_1_description": "Synthetic: update the plan", "action_1_owner_id": f"{p}-g1a",
        "action_1_due_date": "2026-07-01",
        "action_2_description": "Synthetic: call the school", "action_2_due_date": "soon",
        "action_3_owner_id": "  ", "action": "submit"}
    refused = await client.post(f"/audits/{audit_id}/form", headers=auditor, data=form)
    assert refused.status_code == 422
    summary = _summary(refused.text)
    assert 'href="#action_2_owner_id">Action 2 needs an owner (their staff id): fill this ' \
           "in, or clear the row if the action is not needed</a>" in summary
    assert 'href="#action_2_due_date">soon is not a date: write it as dd/mm/yyyy</a>' in summary
    assert "action_1" not in summary and "action_3" not in summary
    assert _input(refused.text, "action_2_owner_id") == (
        '<input id="action_2_owner_id" name="action_2_owner_id" value="" aria-invalid="true" '
        'aria-describedby="action_2_owner_id-error">')
    assert 'value="soon" aria-invalid="true"' in _input(refused.text, "action_2_due_date")
    assert 'value="Synthetic: call the school">' in _input(refused.text, "action_2_description")
    assert _input(refused.text, "action_1_due_date").endswith('value="2026-07-01">')
    assert 'id="std1_grade"' in refused.text and 'value="good" selected' in refused.text
    assert (await client.get(f"/audits/{audit_id}", headers=HOQ)).json()["status"] == "allocated"


async def test_a_draft_saved_through_the_api_shows_its_actions_as_rows(client):
    p = uid("ad")
    audit_id = await _allocated(client, p)
    auditor = bearer("auditor", sub=f"{p}-g1a")
    draft = {"actions": [
        {"key": "a1", "description": "Synthetic: first", "owner_id": f"{p}-g1a",
         "due_date": "2026-07-01"},
        {"key": "a2", "description": "Synthetic: second", "owner_id": f"{p}-sw"}]}
    saved = await client.put(f"/audits/{audit_id}/draft", json=draft, headers=auditor)
    assert saved.status_code == 200, saved.text
    assert (await client.get(f"/audits/{audit_id}", headers=HOQ)).json()["draft"] == draft
    page = (await client.get(f"/audits/{audit_id}/form", headers=auditor)).text
    assert 'value="Synthetic: second"' in _input(page, "action_2_description")
    assert f'value="{p}-sw"' in _input(page, "action_2_owner_id")
    assert _input(page, "action_2_due_date").endswith('value="">')
    assert 'value="2026-07-01"' in _input(page, "action_1_due_date")


async def test_refusals_are_written_for_people_next_to_their_fields(client):
    p = uid("aw")
    audit_id = await _allocated(client, p, social_worker_id=f"{p}-sw")
    auditor = bearer("auditor", sub=f"{p}-g1a")
    opened = (await client.get(f"/audits/{audit_id}/form", headers=auditor)).text
    assert f'value="{p}-sw"' in _input(opened, "social_worker_id")  # from the allocation
    assert '<textarea id="std1_evidence" name="std1_evidence" rows="8">' in opened
    form = _complete(p) | {"std2_grade": "", "child_view_status": "",
                           "action_1_description": "Synthetic: update the plan",
                           "action_1_owner_id": f"{p}-g1a", "action_1_due_date": "31/02/2027",
                           "action": "submit"}
    refused = await client.post(f"/audits/{audit_id}/form", headers=auditor, data=form)
    assert refused.status_code == 422
    page = refused.text
    assert '<p class="error" id="std2_grade-error">Choose a grade for Standard 2</p>' in page
    assert ('<p class="error" id="action_1_due_date-error">31/02/2027 is not a date: write it '
            'as dd/mm/yyyy</p>') in page
    assert "Say whether the child&#39;s view was obtained" in page
    assert "Input should be" not in page and "std2 grade" not in page
    assert 'value="31/02/2027" aria-invalid="true"' in _input(page, "action_1_due_date")

    # A UK date is taken, and the form opens with the allocation's social worker.
    done = await client.post(f"/audits/{audit_id}/form", headers=auditor, data=form | {
        "std2_grade": "good", "child_view_status": "obtained", "action_1_due_date": "28/02/2027"})
    assert done.status_code == 303, done.text
    kept = (await client.get(f"/audits/{audit_id}", headers=HOQ)).json()
    assert kept["actions"][0]["due_date"] == "2027-02-28"
