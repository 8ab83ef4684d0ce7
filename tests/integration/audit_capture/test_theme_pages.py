"""Themes defined, edited and retired by the head of quality on the page and through the API,
on the real store (issue 11): a retired theme is no longer offered, and a themed audit against
it is refused on its field."""

from __future__ import annotations

from tests.support.auth import bearer
from tests.support.factories import uid, unique_month

HOQ = bearer("head_of_quality", sub="hoq-themes")
AUDITOR = bearer("auditor", sub="auditor-themes")


async def test_a_theme_defined_edited_and_retired(client):
    title = f"Synthetic neglect theme {uid('t')}"
    empty = await client.post("/manage-themes", headers=HOQ, data={"title": title,
                                                                   "questions": " \n"})
    assert empty.status_code == 422
    assert '<p class="error" id="questions-error">Write at least one question' in empty.text
    assert f'value="{title}"' in empty.text  # what was typed kept

    made = await client.post("/manage-themes", headers=HOQ, data={
        "title": title, "questions": "Is the plan clear?\nWas the child seen?"})
    assert made.status_code == 303, made.text
    theme_id = made.headers["location"].split("theme=")[1]
    again = await client.post("/manage-themes", headers=HOQ, data={
        "title": title, "questions": "Anything?"})
    assert again.status_code == 409 and "already defined" in again.text

    edited = await client.post(f"/manage-themes/{theme_id}", headers=HOQ, data={
        "action": "save", "title": title, "questions": "Was the child seen?\nIs school involved?"})
    assert edited.status_code == 303
    [theme] = [t for t in (await client.get("/themes", headers=HOQ)).json()
               if t["_id"] == theme_id]
    assert [(q["id"], q["text"]) for q in theme["questions"]] == [
        ("q2", "Was the child seen?"), ("q3", "Is school involved?")]

    body = {"theme_id": theme_id, "month": unique_month(), "auditor_ids": ["auditor-themes"],
            "case_ref": uid("TEST-CASE"), "team_id": "team-themes",
            "answers": [{"question_id": "q2", "answer": "yes"},
                        {"question_id": "q3", "answer": "no"}]}
    assert (await client.post("/themed-audits", headers=AUDITOR, json=body)).status_code == 201

    retired = await client.post(f"/themes/{theme_id}/retire", headers=HOQ)
    assert retired.status_code == 200 and retired.json()["retired"] is True
    refused = await client.post("/themed-audits", headers=AUDITOR,
                                json=body | {"case_ref": uid("TEST-CASE")})
    assert refused.status_code == 422
    assert refused.json()["detail"][0]["loc"] == ["body", "theme_id"]
    assert "retired" in refused.json()["detail"][0]["msg"]
    offered = await client.get("/themed-audits/new", headers=AUDITOR | {"Accept": "text/html"})
    assert theme_id not in offered.text
    listed = await client.get("/manage-themes", headers=HOQ | {"Accept": "text/html"})
    assert "retired on" in listed.text and title in listed.text
    assert (await client.post(f"/themes/{theme_id}/reinstate", headers=HOQ)).status_code == 200
    assert (await client.post("/themed-audits", headers=AUDITOR, json=body | {
        "case_ref": uid("TEST-CASE")})).status_code == 201
    assert (await client.post("/themes/no-such-theme/retire", headers=HOQ)).status_code == 404
    assert (await client.get("/manage-themes", headers=AUDITOR)).status_code == 403
