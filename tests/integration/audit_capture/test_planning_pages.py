"""The head of quality's pages as a browser without JavaScript uses them: form posts, a
redirect on success, the page again with the message and what was typed on refusal."""

from __future__ import annotations

from schemas import topics
from services.audit_capture.domain.months import add_months
from tests.support.auth import bearer
from tests.support.directory import import_staff
from tests.support.factories import audit_command, uid, unique_month
from tests.support.kafka import TopicTail

HOQ = bearer("head_of_quality", sub="hoq-pages")


async def test_plan_sample_and_allocate_through_the_pages(client):
    p, month = uid("pp"), unique_month()
    staff = ("person_id,display_name,team_id,team_name,job_role,line_manager_id,audit_group\n"
             f"{p}-g1,Test Auditor,{p}-team,Fictional Team,Team manager,,1\n"
             f"{p}-g2,Test Other,{p}-team,,Team manager,,2\n")
    await import_staff(client, "/directory/import", staff)
    bad = await client.post("/planning", headers=HOQ, data={
        "first_month": "2026-13", "theme_1": "Supervision typed"})
    assert bad.status_code == 422 and "first month" in bad.text
    assert 'value="Supervision typed"' in bad.text
    async with TopicTail(topics.PROGRAMME) as programme:
        planned = await client.post("/planning", headers=HOQ, data={
            "first_month": month, "moderation_sample_size": "2", "theme_1": "Supervision",
            "theme_2": "Pathway plans"})
        assert planned.status_code == 303 and planned.headers["location"] == \
            f"/planning/{month}?done=planned"
        event = await programme.wait_for(lambda m: m["subject"] == add_months(month, 1))
    assert event["data"]["theme"] == "Pathway plans" and event["data"]["audit_group"] == 3

    earlier = audit_command(month=add_months(month, -2), case_ref=f"{p}-C1")
    assert (await client.post("/audits", json=earlier, headers=HOQ)).status_code == 201
    cases = "case_ref,team_id,category\n" + "".join(
        f"{p}-C{n},{p}-team,CP\n" for n in range(1, 4))
    imported = await client.post(f"/planning/{month}/cases", headers=HOQ,
                                 data={"cases_csv": cases})
    assert imported.status_code == 303
    bad_line = await client.post(f"/planning/{month}/sample", headers=HOQ, data={
        "size": "3", "seed": "5", "overrides": f"{p}-C1 without a reason"})
    assert bad_line.status_code == 422 and "line 1: write the case reference" in bad_line.text
    assert f"{p}-C1 without a reason</textarea>" in bad_line.text
    drawn = await client.post(f"/planning/{month}/sample", headers=HOQ, data={
        "size": "3", "seed": "5", "method": "stratified",
        "additions": f"{p}-X9, {p}-team, LAC, Synthetic: asked for by the court"})
    assert drawn.status_code == 303
    page = (await client.get(f"/planning/{month}", headers=HOQ)).text
    assert f"Skipped as audited in the last 12 months: {p}-C1" in page
    assert "Synthetic: asked for by the court" in page

    refused = await client.post(f"/planning/{month}/allocations", headers=HOQ, data={
        "case_ref": f"{p}-C2", "auditor_1": f"{p}-g2"})
    assert refused.status_code == 422
    assert f"{p}-g2 is not in audit group 1" in refused.text
    assert f'value="{p}-g2"' in refused.text and 'aria-invalid="true"' in refused.text
    allocated = await client.post(f"/planning/{month}/allocations", headers=HOQ, data={
        "case_ref": f"{p}-C2", "auditor_1": f"{p}-g1"})
    assert allocated.status_code == 303
    mine = (await client.get("/audits/mine", headers=bearer("auditor", sub=f"{p}-g1"))).json()
    assert [a["case_ref"] for a in mine] == [f"{p}-C2"]
    again = await client.post(f"/planning/{month}/allocations", headers=HOQ, data={
        "case_ref": f"{p}-X9", "auditor_1": f"{p}-g1"})
    assert again.status_code == 409 and "already has a case" in again.text


async def test_the_pages_need_the_planners_role_and_a_planned_month(client):
    assert (await client.get("/planning", headers=bearer("auditor"))).status_code == 403
    missing = await client.get(f"/planning/{unique_month()}", headers=HOQ)
    assert missing.status_code == 404 and "plan it first" in missing.text


async def test_a_form_posted_for_a_month_nobody_planned_is_told_so(client):
    """It answered 500 before: the forms of an unplanned month now say it is not planned."""
    month, page = unique_month(), HOQ | {"Accept": "text/html"}
    cases = "case_ref,team_id,category\nTEST-C1,team-x,CP\n"
    for path, form in [("cases", {"cases_csv": cases}), ("sample", {"size": "1"}),
                       ("allocations", {"case_ref": "TEST-C1", "auditor_1": "a-1"})]:
        answer = await client.post(f"/planning/{month}/{path}", headers=page, data=form)
        assert answer.status_code == 404, (path, answer.text)
        assert "Month not planned" in answer.text and month in answer.text
    api = await client.post(f"/planning/{month}/cases", headers=HOQ, data={"cases_csv": cases})
    assert api.status_code == 404 and month in api.json()["detail"]


async def test_the_planning_page_lists_the_latest_five_years_of_a_long_programme(client):
    """After years of planning the page showed the oldest 60 months, never the current ones."""
    months = [f"20{year:02d}-{month:02d}" for year in range(30, 36) for month in range(1, 13)]
    store = client._transport.app.state.runtime.store
    await store.db["programme_months"].insert_many(
        [{"_id": m, "theme": "Synthetic theme", "audit_group": 1, "moderation_group": 2,
          "improvement_group": 3, "moderation_sample_size": 5, "version": 1} for m in months])
    page = (await client.get("/planning", headers=HOQ | {"Accept": "text/html"})).text
    shown = [m for m in months if f'id="month-{m}"' in page]
    assert shown == months[-60:]
