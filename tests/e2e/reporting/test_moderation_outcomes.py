"""Moderation outcomes (issue 12), four processes on the real broker and store: a moderator
acknowledges good practice, names the auditor's learning needs and judges the evidence and
timeliness on audit capture's moderation page; reporting's register of outstanding practice
lists the good practice under its month and team, and the auditor's competency record shows
the agreement, the judgements and the needs, to the auditor and the head of quality (another
auditor is refused, told where their own is). A refusal on the page falls on its field."""

from __future__ import annotations

from tests.e2e.reporting.test_moderation_reaches_the_briefing import submitted_audit
from tests.support.auth import bearer
from tests.support.factories import uid, unique_month
from tests.support.waiting import eventually

HOQ = bearer("head_of_quality", sub="hoq-e2e")


async def test_good_practice_reaches_the_register_and_the_auditors_record(services, http):
    audits, reporting = services.url("audit_capture"), services.url("reporting")
    p, month = uid("gp"), unique_month()
    audit_id, _ = await submitted_audit(http, audits, p, month)

    moderator = bearer("moderator", sub=f"{p}-g2")
    form = {f"std{n}_agree": "yes" for n in range(1, 7)} | {
        "std3_agree": "no", "std3_rationale": "Fictional: the plan was not reviewed.",
        "overall_agree": "yes", "good_practice": "on", "need_impact": "on",
        "need_child_voice": "on", "learning_needs_note": "Fictional: say what changed.",
        "evidence_quality": "sound", "timeliness": "strong"}
    refused = await http.post(f"{audits}/audits/{audit_id}/moderate", data=form,
                              headers=moderator)
    assert refused.status_code == 422, refused.text
    assert 'id="good_practice_note-error"' in refused.text
    assert "what the good practice was" in refused.text
    assert "Fictional: say what changed." in refused.text  # what was typed is kept
    note = "Fictional: the child's words shaped the plan and the review."
    moderated = await http.post(f"{audits}/audits/{audit_id}/moderate",
                                data=form | {"good_practice_note": note}, headers=moderator)
    assert moderated.status_code == 303, moderated.text
    page = await http.get(f"{audits}/audits/{audit_id}/view",
                          headers=bearer("auditor", sub=f"{p}-g1"))
    assert "Acknowledged: " in page.text and "Judging the impact for the child" in page.text

    async def registered():
        body = (await http.get(f"{reporting}/reports/outstanding-practice", headers=HOQ,
                               params={"to_month": month, "team": f"{p}-team"})).json()
        return body if body.get("total") == 1 else None

    register = await eventually(registered, what="the register lists the good practice")
    [entry] = register["register"][0]["teams"][0]["entries"]
    assert register["register"][0]["month"] == month
    assert (entry["audit_id"], entry["note"], entry["auditor_ids"]) == (
        audit_id, note, [f"{p}-g1"])
    register_page = await http.get(f"{reporting}/outstanding-practice", headers=HOQ,
                                   params={"to_month": month, "team": f"{p}-team"})
    assert register_page.status_code == 200 and note.replace("'", "&#39;") in register_page.text

    auditor = bearer("auditor", sub=f"{p}-g1")
    own = await http.get(f"{reporting}/reports/auditors/{p}-g1", headers=auditor,
                         params={"to_month": month})
    assert own.status_code == 200, own.text
    record = own.json()
    assert (record["moderated"], record["agreed"], record["judgements"]) == (1, 6, 7)
    assert record["agreement_rate"] == 0.857 and record["audits_submitted"] == 1
    assert record["evidence_quality"]["sound"] == 1 and record["timeliness_judged"]["strong"] == 1
    assert record["learning_needs"] == {"child_voice": 1, "impact": 1}
    assert record["good_practice"] == 1
    own_page = await http.get(f"{reporting}/auditors/{p}-g1", headers=auditor,
                              params={"to_month": month})
    assert "Your audit competency record" in own_page.text and "86%" in own_page.text

    other = await http.get(f"{reporting}/reports/auditors/{p}-g1",
                           headers=bearer("auditor", sub=f"{p}-g3"), params={"to_month": month})
    assert other.status_code == 403 and f"/reports/auditors/{p}-g3" in other.text
    everyone = await http.get(f"{reporting}/reports/auditors", headers=HOQ,
                              params={"to_month": month})
    assert any(a["auditor_id"] == f"{p}-g1" for a in everyone.json()["auditors"])
    listing = await http.get(f"{reporting}/auditors", params={"to_month": month},
                             headers=bearer("principal_social_worker", sub="psw-e2e"))
    assert listing.status_code == 200 and f'id="auditor-{p}-g1"' in listing.text
    assert (await http.get(f"{reporting}/auditors", headers=auditor)).status_code == 403
