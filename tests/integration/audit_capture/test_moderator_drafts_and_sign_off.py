"""A saved draft's event on the real Kafka; only the month's moderating group moderates; an
audit outside the moderation sample is signed off without moderation, a sampled one only
after it (HTTP, real Kafka and store)."""

from __future__ import annotations

from schemas import topics
from tests.support.auth import bearer
from tests.support.factories import audit_command, uid, unique_month
from tests.support.kafka import TopicTail

HOQ = bearer("head_of_quality", sub="hoq-it")


def directory_csv(p: str) -> str:
    return ("person_id,display_name,team_id,team_name,job_role,line_manager_id,audit_group\n"
            f"{p}-g1a,Test Auditor A,{p}-team,Fictional Team,Team manager,,1\n"
            f"{p}-g1b,Test Auditor B,{p}-team,,Deputy manager,,1\n"
            f"{p}-g2,Test Moderator,{p}-team,,Team manager,,2\n"
            f"{p}-g3,Test Improver,{p}-team,,Team manager,,3\n"
            f"{p}-sw,Test Worker,{p}-team,,Social worker,{p}-g1a,\n")


async def _two_submitted_audits(client, p: str, month: str) -> list[str]:
    imported = await client.post("/directory/import", content=directory_csv(p),
                                 headers=HOQ | {"Content-Type": "text/csv"})
    assert imported.status_code == 200, imported.text
    planned = await client.post("/programme", headers=HOQ, json={
        "first_month": month, "themes": ["Journey and impact"], "moderation_sample_size": 1})
    assert planned.status_code == 201, planned.text
    findings = {k: v for k, v in audit_command().items()
                if k not in {"month", "case_ref", "team_id", "auditor_ids"}}
    findings["social_worker_id"] = f"{p}-sw"
    audit_ids = []
    for n, auditor in enumerate((f"{p}-g1a", f"{p}-g1b")):
        allocated = await client.post(f"/programme/{month}/allocations", headers=HOQ, json={
            "case_ref": f"TEST-{p}-{n}", "team_id": f"{p}-team", "auditor_ids": [auditor]})
        assert allocated.status_code == 201, allocated.text
        audit_id = allocated.json()["audit_id"]
        submitted = await client.post(f"/audits/{audit_id}/submit", json=findings,
                                      headers=bearer("auditor", sub=auditor))
        assert submitted.status_code == 200, submitted.text
        audit_ids.append(audit_id)
    return audit_ids


async def test_saving_a_draft_publishes_progress_without_text(client):
    p, month = uid("d"), unique_month()
    imported = await client.post("/directory/import", content=directory_csv(p),
                                 headers=HOQ | {"Content-Type": "text/csv"})
    assert imported.status_code == 200, imported.text
    assert (await client.post("/programme", headers=HOQ, json={
        "first_month": month, "themes": ["Journey and impact"]})).status_code == 201
    allocated = await client.post(f"/programme/{month}/allocations", headers=HOQ, json={
        "case_ref": f"TEST-{p}", "team_id": f"{p}-team", "auditor_ids": [f"{p}-g1a"]})
    audit_id = allocated.json()["audit_id"]
    draft = {"standards": [{"standard": 3, "grade": "good",
                            "evidence": "Synthetic words typed into a draft"}]}
    async with TopicTail(topics.AUDIT) as audits:
        saved = await client.put(f"/audits/{audit_id}/draft", json=draft,
                                 headers=bearer("auditor", sub=f"{p}-g1a"))
        assert saved.status_code == 200, saved.text
        assert saved.json() == {"audit_id": audit_id, "status": "in_progress",
                                "published": True}
        event = await audits.wait_for(lambda m: m["subject"] == audit_id)
    assert event["event_type"] == "audit.draft_saved"
    assert event["data"]["standards_filled"] == [3]
    assert event["data"]["allocation_id"] == audit_id and event["data"]["month"] == month
    assert event["data"]["overall_grade_filled"] is False
    assert "Synthetic" not in str(event) and f"TEST-{p}" not in str(event)


async def test_moderators_come_from_the_months_group_and_sign_off_follows_the_sample(client):
    p, month = uid("m"), unique_month()
    first, second = await _two_submitted_audits(client, p, month)
    too_soon = await client.post(f"/audits/{first}/sign-off", headers=HOQ)
    assert too_soon.status_code == 409
    assert "moderation sample is drawn" in too_soon.json()["detail"]

    drawn = await client.post(f"/programme/{month}/moderation-sample", headers=HOQ,
                              json={"seed": 3})
    assert drawn.status_code == 200, drawn.text
    [sampled] = drawn.json()["audit_ids"]
    outside = second if sampled == first else first
    refused = await client.post(f"/audits/{sampled}/sign-off", headers=HOQ)
    assert refused.status_code == 409 and "until it is moderated" in refused.json()["detail"]
    async with TopicTail(topics.AUDIT) as audits:
        signed = await client.post(f"/audits/{outside}/sign-off", headers=HOQ)
        assert signed.status_code == 200 and signed.json()["status"] == "signed_off"
        event = await audits.wait_for(lambda m: m["subject"] == outside
                                      and m["event_type"] == "audit.signed_off")
    assert event["data"]["month"] == month

    agree = {"standards": [{"standard": n, "agree": True} for n in range(1, 7)],
             "overall_agree": True}
    for outsider in (f"{p}-g3", uid("not-in-directory")):
        wrong = await client.post(f"/audits/{sampled}/moderation", json=agree,
                                  headers=bearer("moderator", sub=outsider))
        assert wrong.status_code == 403, wrong.text
        assert f"audit group 2 moderates in {month}" in wrong.json()["detail"]
    assert (await client.get(f"/audits/{sampled}", headers=HOQ)).json()["status"] == "submitted"
    moderated = await client.post(f"/audits/{sampled}/moderation", json=agree,
                                  headers=bearer("moderator", sub=f"{p}-g2"))
    assert moderated.status_code == 200, moderated.text
    signed = await client.post(f"/audits/{sampled}/sign-off", headers=HOQ)
    assert signed.status_code == 200 and signed.json()["status"] == "signed_off"


async def test_a_draft_with_a_field_name_the_store_cannot_keep_is_refused_and_blocks_nothing(
        client):
    """Issue 18, item 2: `{"$where": "x"}` answered 500 and left a version claim behind, so
    every later draft or submission of that audit answered 409 for good."""
    p, month = uid("d"), unique_month()
    await client.post("/directory/import", content=directory_csv(p),
                      headers=HOQ | {"Content-Type": "text/csv"})
    await client.post("/programme", headers=HOQ, json={"first_month": month,
                                                       "themes": ["Journey and impact"]})
    allocated = await client.post(f"/programme/{month}/allocations", headers=HOQ, json={
        "case_ref": f"TEST-{p}", "team_id": f"{p}-team", "auditor_ids": [f"{p}-g1a"]})
    audit_id, auditor = allocated.json()["audit_id"], bearer("auditor", sub=f"{p}-g1a")
    refused = await client.put(f"/audits/{audit_id}/draft", json={
        "$where": "x", "standards": [{"standard": 1, "a.b": "y"}]}, headers=auditor)
    assert refused.status_code == 422
    assert [e["loc"] for e in refused.json()["detail"]] == [
        ["body", "$where"], ["body", "standards", "0", "a.b"]]
    saved = await client.put(f"/audits/{audit_id}/draft", headers=auditor,
                             json={"overall_grade": "good"})
    assert saved.status_code == 200, saved.text
