"""The themed audit page without JavaScript: a theme defined through the API offers its
questions; a refusal names the field with what was typed kept; a post records the themed
audit through the API's handler, `audit.themed_recorded` carrying the answers and partner
agencies, once however often the same form is posted; only auditors and the head of quality
see it."""

from __future__ import annotations

import re

from schemas import topics
from tests.support.auth import bearer
from tests.support.factories import uid, unique_month
from tests.support.kafka import TopicTail

HOQ = bearer("head_of_quality", sub="hoq-themed")


def _form_id(page: str) -> str:
    return re.search(r'name="form_id" value="([^"]+)"', page).group(1)


async def _theme(client) -> str:
    theme = uid("theme")
    defined = await client.put(f"/themes/{theme}", headers=HOQ, json={
        "theme_id": theme, "title": "Synthetic theme: <neglect> & drift",
        "questions": [{"id": "q-dash", "text": "Was a risk assessment completed?"},
                      {"id": "q-voice", "text": "Is the child's voice heard?"}]})
    assert defined.status_code == 200, defined.text
    return theme


async def test_an_auditor_records_a_themed_audit_once_from_the_page(client):
    theme, p = await _theme(client), uid("ta")
    auditor = bearer("auditor", sub=f"{p}-aud")
    home = await client.get("/", headers=auditor)
    assert 'href="/themed-audits/new"' in home.text
    chooser = await client.get("/themed-audits/new", headers=auditor)
    assert chooser.status_code == 200
    assert f'<option value="{theme}">Synthetic theme: &lt;neglect&gt; &amp; drift</option>' \
        in chooser.text and "case_ref" not in chooser.text
    page = await client.get("/themed-audits/new", params={"theme_id": theme}, headers=auditor)
    assert page.status_code == 200
    assert "<legend>Question 1: Was a risk assessment completed?</legend>" in page.text
    assert "<legend>Question 2: Is the child&#39;s voice heard?</legend>" in page.text
    assert '<label for="question_2_answer-not_applicable">Not applicable</label>' in page.text

    month = unique_month()
    form = {"form_id": _form_id(page.text), "theme_id": theme, "case_ref": f"TEST-{p}",
            "team_id": f"{p}-team", "month": "June", "question_1_answer": "partly",
            "question_1_evidence": "Synthetic <b>evidence</b> typed",
            "question_2_evidence": "Synthetic: seen alone",
            "partner_agencies": "Fictional Police\n\n  Fictional Health  \n"}
    refused = await client.post("/themed-audits/new", headers=auditor, data=form)
    assert refused.status_code == 422
    summary = re.search(r'id="error-summary".*?</div>', refused.text, re.S)[0]
    assert 'href="#question_2_answer">question 2 answer: choose yes, partly, no or not ' \
           "applicable</a>" in summary
    assert 'href="#month">month: must be a month written YYYY-MM' in summary
    assert "question_1" not in summary and "case_ref" not in summary
    assert 'id="question_2_answer" name="question_2_answer" value="yes" aria-invalid="true" ' \
           'aria-describedby="question_2_answer-error"' in refused.text
    assert 'id="month" name="month" value="June" aria-invalid="true"' in refused.text
    assert 'value="partly" checked' in refused.text
    assert "Synthetic &lt;b&gt;evidence&lt;/b&gt; typed</textarea>" in refused.text
    assert "Fictional Police\n\n  Fictional Health" in refused.text
    assert f'value="TEST-{p}"' in refused.text

    fixed = form | {"month": month, "question_2_answer": "no"}
    async with TopicTail(topics.AUDIT) as audits:
        for _ in range(2):  # a double click posts the same form twice
            done = await client.post("/themed-audits/new", headers=auditor, data=fixed)
            assert done.status_code == 303, done.text
        themed_audit_id = done.headers["location"].split("recorded=")[1]
        event = await audits.wait_for(lambda m: m["subject"] == themed_audit_id)
    assert event["event_type"] == "audit.themed_recorded"
    data = event["data"]
    assert data["theme_id"] == theme and data["case_ref"] == f"TEST-{p}"
    assert data["month"] == month and data["auditor_ids"] == [f"{p}-aud"]
    assert data["partner_agencies"] == ["Fictional Police", "Fictional Health"]
    assert data["answers"] == [
        {"question_id": "q-dash", "answer": "partly",
         "evidence": "Synthetic <b>evidence</b> typed"},
        {"question_id": "q-voice", "answer": "no", "evidence": "Synthetic: seen alone"}]
    app = client._transport.app
    stored = app.state.runtime.store.db["themed_audits"]
    kept = await stored.find({"theme_id": theme}).to_list(None)
    assert [k["_id"] for k in kept] == [themed_audit_id]
    shown = await client.get(done.headers["location"], headers=auditor)
    assert "Themed audit recorded." in shown.text and 'name="case_ref" value=""' in shown.text
    assert _form_id(shown.text) != fixed["form_id"]


async def test_an_unknown_theme_is_refused_and_only_auditors_see_the_page(client):
    theme = await _theme(client)
    unknown = await client.post("/themed-audits/new", headers=HOQ,
                                data={"theme_id": uid("nothing"), "case_ref": "TEST-x"})
    assert unknown.status_code == 422
    assert 'href="#theme_id">theme id: choose one of the themes below' in unknown.text
    assert 'id="theme_id" name="theme_id" aria-invalid="true"' in unknown.text
    assert f'<option value="{theme}">' in unknown.text
    missing = await client.get("/themed-audits/new", params={"theme_id": uid("gone")},
                               headers=HOQ)
    assert missing.status_code == 404 and "case_ref" not in missing.text
    blank = await client.post("/themed-audits/new", headers=HOQ, data={"theme_id": theme})
    assert blank.status_code == 422
    for field in ("case_ref", "team_id", "month", "question_1_answer", "question_2_answer"):
        assert f'href="#{field}"' in blank.text
    manager = bearer("team_manager", sub=uid("tm"))
    assert (await client.get("/themed-audits/new", headers=manager)).status_code == 403
    assert (await client.post("/themed-audits/new", headers=manager, data={})).status_code == 403
    assert 'href="/themed-audits/new"' not in (await client.get("/", headers=manager)).text
