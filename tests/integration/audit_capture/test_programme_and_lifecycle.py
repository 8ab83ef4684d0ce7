"""Directory, programme, sampling, allocation and the audit lifecycle through HTTP, with the
events read back from the real Kafka."""

from __future__ import annotations

from schemas import topics
from services.audit_capture.domain.months import add_months
from tests.support.auth import bearer
from tests.support.factories import audit_command, uid, unique_month
from tests.support.kafka import TopicTail

HOQ = bearer("head_of_quality", sub="hoq-it")


def directory_csv(p: str) -> str:
    return ("person_id,display_name,team_id,team_name,job_role,line_manager_id,audit_group,"
            "asye,roles\n"
            f"{p}-tm,Test Manager,{p}-team,Fictional Team,Team manager,,1,no,auditor\n"
            f"{p}-a2,Test Auditor Two,{p}-team,,Deputy manager,{p}-tm,2,no,auditor\n"
            f"{p}-sw,Test Worker,{p}-team,,Social worker,{p}-tm,,yes,\n")


async def test_directory_programme_allocation_and_lifecycle(client):
    p, month = uid("t"), unique_month()
    async with TopicTail(topics.DIRECTORY) as directory:
        imported = await client.post("/directory/import", content=directory_csv(p),
                                     headers=HOQ | {"Content-Type": "text/csv"})
        assert imported.status_code == 200, imported.text
        assert imported.json()["staff_changed"] == 3 and imported.json()["published"] is True
        worker = await directory.wait_for(lambda m: m["subject"] == f"{p}-sw")
    assert worker["data"]["line_manager_id"] == f"{p}-tm" and worker["data"]["revision"] == 1
    again = await client.post("/directory/import", content=directory_csv(p),
                              headers=HOQ | {"Content-Type": "text/csv"})
    assert again.json()["staff_changed"] == 0  # nothing changed, nothing published

    planned = await client.post("/programme", headers=HOQ, json={
        "first_month": month, "themes": ["Journey and impact", "Supervision", "Pathway plans"],
        "moderation_sample_size": 1})
    assert planned.status_code == 201, planned.text
    second = await client.get("/programme/rotation", headers=HOQ,
                              params={"month": add_months(month, 1)})
    assert second.json()["audit_group"] == 3 and second.json()["planned"] is True
    assert second.json()["theme"] == "Supervision"

    # A case audited three months ago is skipped unless overridden with a reason.
    earlier = audit_command(month=add_months(month, -3), case_ref=f"{p}-C1")
    assert (await client.post("/audits", json=earlier, headers=HOQ)).status_code == 201
    cases = "case_ref,team_id,category\n" + "".join(
        f"{p}-C{n},{p}-team,{'CP' if n % 2 else 'LAC'}\n" for n in range(1, 7))
    assert (await client.post(f"/programme/{month}/cases", content=cases,
                              headers=HOQ | {"Content-Type": "text/csv"})).status_code == 200
    draw = {"size": 6, "seed": 7, "method": "stratified"}
    first = (await client.post(f"/programme/{month}/sample", json=draw, headers=HOQ)).json()
    assert first["skipped_recently_audited"] == [f"{p}-C1"] and len(first["cases"]) == 5
    overridden = (await client.post(f"/programme/{month}/sample", headers=HOQ, json=draw | {
        "overrides": [{"case_ref": f"{p}-C1", "reason": "Synthetic: new concerns"}]})).json()
    assert len(overridden["cases"]) == 6 and overridden["skipped_recently_audited"] == []

    wrong_group = await client.post(f"/programme/{month}/allocations", headers=HOQ, json={
        "case_ref": f"{p}-C2", "team_id": f"{p}-team", "auditor_ids": [f"{p}-a2"]})
    assert wrong_group.status_code == 422
    assert wrong_group.json()["detail"][0]["loc"] == ["body", "auditor_ids"]
    assert "not in audit group 1" in wrong_group.json()["detail"][0]["msg"]
    async with TopicTail(topics.PROGRAMME) as programme:
        allocated = await client.post(f"/programme/{month}/allocations", headers=HOQ, json={
            "case_ref": f"{p}-C2", "team_id": f"{p}-team", "auditor_ids": [f"{p}-tm"],
            "social_worker_id": f"{p}-sw"})
        assert allocated.status_code == 201, allocated.text
        audit_id = allocated.json()["audit_id"]
        event = await programme.wait_for(lambda m: m["subject"] == audit_id)
    assert event["event_type"] == "programme.case_allocated"
    assert event["data"]["deadline"] == f"{month}-14" and event["data"]["audit_id"] == audit_id
    twice = await client.post(f"/programme/{month}/allocations", headers=HOQ, json={
        "case_ref": f"{p}-C3", "team_id": f"{p}-team", "auditor_ids": [f"{p}-tm"]})
    assert twice.status_code == 409

    auditor = bearer("auditor", sub=f"{p}-tm")
    mine = (await client.get("/audits/mine", headers=auditor)).json()
    assert [a["_id"] for a in mine] == [audit_id] and mine[0]["status"] == "allocated"
    draft = await client.put(f"/audits/{audit_id}/draft", headers=auditor,
                             json={"overall_grade": "good"})
    assert draft.json()["status"] == "in_progress"
    early = await client.post(f"/audits/{audit_id}/moderation", headers=bearer("moderator"),
                              json=_agree_all())
    assert early.status_code == 409 and "in progress" in early.json()["detail"]

    findings = {k: v for k, v in audit_command(safeguarding_concern="Synthetic concern").items()
                if k not in {"month", "case_ref", "team_id", "auditor_ids"}}
    findings["social_worker_id"] = f"{p}-sw"
    async with TopicTail(topics.AUDIT) as audits:
        submitted = await client.post(f"/audits/{audit_id}/submit", json=findings,
                                      headers=auditor)
        assert submitted.status_code == 200, submitted.text
        types: dict[str, dict] = {}

        def collect(m: dict) -> bool:  # one batch can hold all three
            if m["subject"] == audit_id:
                types[m["event_type"]] = m["data"]
            return len(types) == 3

        await audits.wait_for(collect)
    assert set(types) == {"audit.submitted", "audit.safeguarding_concern_raised",
                          "audit.results_shared"}
    assert types["audit.submitted"]["allocation_id"] == audit_id
    assert types["audit.results_shared"]["line_manager_id"] == f"{p}-tm"
    resubmit = await client.post(f"/audits/{audit_id}/submit", json=findings, headers=auditor)
    assert resubmit.status_code == 409

    moderation = _agree_all()
    moderation["standards"][5] = {"standard": 6, "agree": False, "grade": "requires_improvement",
                                  "rationale": "Synthetic: oversight is not evident"}
    own = await client.post(f"/audits/{audit_id}/moderation", headers=bearer(
        "moderator", sub=f"{p}-tm"), json=moderation)
    assert own.status_code == 409 and "own audit" in own.json()["detail"]
    async with TopicTail(topics.AUDIT) as audits:
        moderated = await client.post(f"/audits/{audit_id}/moderation", json=moderation,
                                      headers=bearer("moderator", sub=f"{p}-a2"))
        assert moderated.status_code == 200 and moderated.json()["grade_changes"] == 1
        change = await audits.wait_for(lambda m: m["event_type"] == "audit.grade_changed"
                                       and m["subject"] == audit_id)
    assert change["data"]["standard"] == 6 and change["data"]["previous_grade"] == "inadequate"
    rates = (await client.get("/moderation/agreement", params={"month": month},
                              headers=HOQ)).json()["by_auditor"]
    assert rates[f"{p}-tm"] == {"moderated": 1, "judgements": 7, "agreed": 6,
                                "agreement_rate": 0.857}
    signed = await client.post(f"/audits/{audit_id}/sign-off", headers=HOQ)
    assert signed.json()["status"] == "signed_off"
    audit = (await client.get(f"/audits/{audit_id}", headers=HOQ)).json()
    assert audit["standards"][5]["grade"] == "requires_improvement" and audit["late"] is False


def _agree_all() -> dict:
    return {"standards": [{"standard": n, "agree": True} for n in range(1, 7)],
            "overall_agree": True}
