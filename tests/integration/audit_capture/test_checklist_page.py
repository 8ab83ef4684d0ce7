"""The IRO/CP-chair checklist page without JavaScript: refused with the problem on its field
(what was typed kept), then recorded once however often the form is posted, the feedback
addressed to the worker's line manager from the directory; up to three actions, a partly
filled row refused on its empty fields; only chairs see it."""

from __future__ import annotations

import re

from schemas import topics
from tests.support.auth import bearer
from tests.support.directory import import_staff
from tests.support.factories import uid
from tests.support.kafka import TopicTail

HOQ = bearer("head_of_quality", sub="hoq-checklist")


def _form_id(page: str) -> str:
    return re.search(r'name="form_id" value="([^"]+)"', page).group(1)


async def test_a_chair_records_a_checklist_once_with_feedback_to_the_line_manager(client):
    p = uid("cl")
    staff = ("person_id,display_name,team_id,team_name,job_role,line_manager_id,audit_group\n"
             f"{p}-tm,Test Manager,{p}-team,Fictional Team,Team manager,,\n"
             f"{p}-sw,Test Worker,{p}-team,,Social worker,{p}-tm,\n")
    await import_staff(client, "/directory/import", staff)
    chair = bearer("auditor", sub=f"{p}-iro")
    home = await client.get("/", headers=chair)
    assert 'href="/observe/checklist"' in home.text
    page = await client.get("/observe/checklist", headers=chair)
    assert page.status_code == 200 and "The child&#39;s views and wishes were evident" in page.text
    form = {"form_id": _form_id(page.text), "conference_type": "lac_review",
            "chair_role": "iro", "held_on": "2026-06-03", "case_ref": f"TEST-{p}",
            "team_id": f"{p}-team", "social_worker_id": f"{p}-sw", "quality_grade": "good",
            "impact_grade": "requires_improvement",
            "feedback": "Synthetic feedback typed for supervision"}
    none = await client.post("/observe/checklist", headers=chair, data=form)
    assert none.status_code == 422 and "answer at least one item of the checklist" in none.text
    assert 'id="item_1_answer" name="item_1_answer" aria-invalid="true"' in none.text
    assert "Synthetic feedback typed for supervision</textarea>" in none.text
    assert 'value="lac_review" selected' in none.text
    form |= {"item_2_answer": "partly", "item_4_comment": "Synthetic: police absent"}
    half = await client.post("/observe/checklist", headers=chair, data=form)
    assert half.status_code == 422 and 'id="item_4_answer-error"' in half.text
    assert 'value="Synthetic: police absent"' in half.text
    assert 'value="partly" selected' in half.text

    async with TopicTail(topics.OBSERVATION) as observations:
        for _ in range(2):  # a double click posts the same form twice
            done = await client.post("/observe/checklist", headers=chair,
                                     data=form | {"item_4_answer": "no"})
            assert done.status_code == 303, done.text
        checklist_id = done.headers["location"].split("recorded=")[1]
        event = await observations.wait_for(lambda m: m["subject"] == checklist_id)
    assert event["event_type"] == "observation.conference_checklist_recorded"
    data = event["data"]
    assert data["chair_id"] == f"{p}-iro" and data["line_manager_id"] == f"{p}-tm"
    assert [(a["item"], a["answer"]) for a in data["answers"]] == [
        ("The child's views and wishes were evident", "partly"),
        ("Partner agencies contributed", "no")]
    assert data["quality_grade"] == "good" and data["impact_grade"] == "requires_improvement"
    kept = await client.get("/observations", params={"kind": "checklist"}, headers=HOQ)
    assert [o["_id"] for o in kept.json() if o["case_ref"] == f"TEST-{p}"] == [checklist_id]
    shown = await client.get(done.headers["location"], headers=chair)
    assert "Checklist recorded." in shown.text


async def test_only_chairs_see_the_page(client):
    manager = bearer("team_manager", sub=uid("tm"))
    assert (await client.get("/observe/checklist", headers=manager)).status_code == 403
    assert (await client.post("/observe/checklist", headers=manager, data={})).status_code == 403
    assert 'href="/observe/checklist"' not in (await client.get("/", headers=manager)).text


async def test_several_actions_are_recorded_and_a_partly_filled_row_is_refused(client):
    page = await client.get("/observe/checklist", headers=HOQ)
    for n in (1, 2, 3):
        assert f'<label for="action_{n}_description">Action {n}: what needs to happen</label>' \
            in page.text
    owner = uid("tm")
    form = {"form_id": _form_id(page.text), "conference_type": "cp_initial",
            "chair_role": "cp_chair", "held_on": "2026-06-04", "case_ref": uid("TEST"),
            "team_id": uid("team"), "social_worker_id": uid("sw"), "quality_grade": "good",
            "impact_grade": "good", "feedback": "Synthetic", "item_1_answer": "yes",
            "action_1_description": "Synthetic: share the plan", "action_1_owner_id": owner,
            "action_1_due_date": "2026-07-01",
            "action_2_description": "Synthetic: invite the school", "action_2_due_date": "soon",
            "action_3_owner_id": "  "}
    refused = await client.post("/observe/checklist", headers=HOQ, data=form)
    assert refused.status_code == 422
    assert 'id="action_2_owner_id" name="action_2_owner_id" value="" aria-invalid="true" ' \
           'aria-describedby="action_2_owner_id-error"' in refused.text
    assert 'href="#action_2_owner_id">action 2 owner id: an action needs what, who and by ' \
           "when: fill this in or clear the row</a>" in refused.text
    assert 'id="action_2_due_date" name="action_2_due_date" value="soon" aria-invalid="true"' \
        in refused.text and 'href="#action_2_due_date"' in refused.text
    assert 'value="Synthetic: invite the school"' in refused.text
    assert 'id="action_1_due_date" name="action_1_due_date" value="2026-07-01">' in refused.text
    assert "action_3" not in re.search(r'id="error-summary".*?</div>', refused.text, re.S)[0]

    only_owner = form | {"action_2_owner_id": owner, "action_2_due_date": "2026-07-15",
                         "action_3_owner_id": owner}
    refused = await client.post("/observe/checklist", headers=HOQ, data=only_owner)
    assert refused.status_code == 422
    assert 'href="#action_3_description"' in refused.text
    assert 'href="#action_3_due_date"' in refused.text
    assert 'href="#action_2' not in refused.text

    async with TopicTail(topics.OBSERVATION) as observations:
        done = await client.post("/observe/checklist", headers=HOQ,
                                 data=only_owner | {"action_3_owner_id": ""})
        assert done.status_code == 303, done.text
        checklist_id = done.headers["location"].split("recorded=")[1]
        event = await observations.wait_for(lambda m: m["subject"] == checklist_id)
    assert [(a["key"], a["description"], a["owner_id"], a["due_date"])
            for a in event["data"]["actions"]] == [
        ("a1", "Synthetic: share the plan", owner, "2026-07-01"),
        ("a2", "Synthetic: invite the school", owner, "2026-07-15")]
    kept = await client.get("/observations", params={"kind": "checklist"}, headers=HOQ)
    [mine] = [o for o in kept.json() if o["_id"] == checklist_id]
    assert len(mine["actions"]) == 2 and mine["chair_role"] == "cp_chair"
