"""Reporting follows moderation and sign-off: an audit submitted "good", moderated down to
"requires improvement" (overall, and standard 1), then signed off, through audit capture's
API, reaches the briefing with the moderated grades, the submitted ones beside them, and
the audit counted as moderated and signed off (four processes, the real broker and store)."""

from __future__ import annotations

from tests.support.auth import bearer
from tests.support.factories import audit_command, uid, unique_month
from tests.support.directory import duty_groups
from tests.support.waiting import eventually

HOQ = bearer("head_of_quality", sub="hoq-e2e")
DIRECTOR = bearer("director")


def directory_csv(p: str, groups: tuple[int, int]) -> str:
    """-g1 audits and -g2 moderates in the month (its groups read from the rotation)."""
    improver = ({1, 2, 3} - set(groups)).pop()
    return ("person_id,display_name,team_id,team_name,job_role,line_manager_id,audit_group\n"
            f"{p}-g1,Test Auditor,{p}-team,Fictional Team,Team manager,,{groups[0]}\n"
            f"{p}-g2,Test Moderator,{p}-team,,Team manager,,{groups[1]}\n"
            f"{p}-g3,Test Improver,{p}-team,,Team manager,,{improver}\n"
            f"{p}-sw,Test Worker,{p}-team,,Social worker,{p}-g1,\n")


async def submitted_audit(http, audits: str, p: str, month: str, *,
                          findings: dict | None = None) -> tuple[str, dict]:
    """A fresh month planned, its groups read as planned (the rotation continues from what
    other tests planned), -g1 allocated a case and submitting it: (audit id, findings);
    `findings` replaces the usual ones field by field."""
    planned = await http.post(f"{audits}/programme", headers=HOQ, json={
        "first_month": month, "themes": ["Journey and impact"], "moderation_sample_size": 1})
    assert planned.status_code == 201, planned.text
    groups = await duty_groups(http, audits, month)
    imported = await http.post(f"{audits}/directory/import", content=directory_csv(p, groups),
                               headers=HOQ | {"Content-Type": "text/csv"})
    assert imported.status_code == 200, imported.text
    allocated = await http.post(f"{audits}/programme/{month}/allocations", headers=HOQ, json={
        "case_ref": f"TEST-{p}", "team_id": f"{p}-team", "auditor_ids": [f"{p}-g1"]})
    assert allocated.status_code == 201, allocated.text
    audit_id = allocated.json()["audit_id"]
    findings = {k: v for k, v in (audit_command() | (findings or {})).items()
                if k not in {"month", "case_ref", "team_id", "auditor_ids"}}
    submitted = await http.post(f"{audits}/audits/{audit_id}/submit",
                                json={**findings, "social_worker_id": f"{p}-sw"},
                                headers=bearer("auditor", sub=f"{p}-g1"))
    assert submitted.status_code == 200, submitted.text
    return audit_id, findings


async def test_a_moderated_and_signed_off_audit_changes_the_briefings_grades(services, http):
    audits, p, month = services.url("audit_capture"), uid("mod"), unique_month()
    audit_id, findings = await submitted_audit(http, audits, p, month)
    assert findings["overall_grade"] == "good" and findings["standards"][0]["grade"] == "good"
    drawn = await http.post(f"{audits}/programme/{month}/moderation-sample", headers=HOQ,
                            json={"seed": 1})
    assert drawn.json()["audit_ids"] == [audit_id], drawn.text

    standards = [{"standard": n, "agree": True} for n in range(2, 7)]
    moderated = await http.post(f"{audits}/audits/{audit_id}/moderation", json={
        "standards": [{"standard": 1, "agree": False, "grade": "requires_improvement",
                       "rationale": "Fictional: the plan was not reviewed."}, *standards],
        "overall_agree": False, "overall_grade": "requires_improvement",
        "rationale": "Fictional: drift in the plan."}, headers=bearer("moderator", sub=f"{p}-g2"))
    assert moderated.status_code == 200, moderated.text
    signed = await http.post(f"{audits}/audits/{audit_id}/sign-off", headers=HOQ)
    assert signed.status_code == 200 and signed.json()["status"] == "signed_off", signed.text

    async def briefing_follows():
        body = (await http.get(f"{services.url('reporting')}/reports/monthly-briefing",
                               params={"month": month, "team": f"{p}-team"},
                               headers=DIRECTOR)).json()
        a = body.get("audits", {})
        return body if a.get("signed_off") == 1 and a.get("moderated") == 1 else None

    briefing = await eventually(briefing_follows, what="the briefing follows the sign-off")
    a = briefing["audits"]
    assert a["overall_grades"] == {"requires_improvement": 1}
    assert a["submitted_overall_grades"] == {"good": 1}
    assert a["by_standard"]["1"] == {"requires_improvement": 1}
    assert a["by_standard"]["2"] == {findings["standards"][1]["grade"]: 1}  # kept as submitted
    assert a["good_or_better_percent"] == 0.0
    m = briefing["moderation"]
    assert (m["moderated"], m["grade_changes"], m["grades_lowered"]) == (1, 2, 2)
