"""A team manager opens the team's performance clinic pack and sees its charts; a head of
service downloads a table from the impact report."""

from __future__ import annotations

from tests.support.auth import bearer
from tests.support.factories import audit_command, uid, unique_month
from tests.support.waiting import eventually

from .test_briefing_charts import sign_in


async def audits_for_team(services, http, month: str, team: str, grades: list[str]) -> None:
    for grade in grades:
        response = await http.post(f"{services.url('audit_capture')}/audits",
                                   json=audit_command(month=month, team_id=team,
                                                      overall_grade=grade),
                                   headers=bearer("auditor"))
        assert response.status_code == 201, response.text

    async def reported():
        response = await http.get(f"{services.url('reporting')}/reports/clinic-pack",
                                  params={"team": team, "to_month": month},
                                  headers=bearer("director"))
        return response.status_code == 200 and response.json()["audits"]["completed"] == len(grades)

    await eventually(reported, what="the team's audits in the clinic pack")


async def test_a_team_manager_sees_the_clinic_pack_charts(services, http, page):
    month, team = unique_month(), uid("team")
    await audits_for_team(services, http, month, team, ["good", "inadequate"])
    base = services.url("reporting")
    indicators = f"team_id,month,indicator,value,target\n{team},{month},Visits in time (%),85,90\n"
    imported = await http.post(f"{base}/reports/locality-indicators",
                               files={"file": ("i.csv", indicators.encode(), "text/csv")},
                               headers=bearer("performance_team"))
    assert imported.status_code == 201, imported.text

    async def indicator_shown():
        body = (await http.get(f"{base}/reports/clinic-pack", headers=bearer("director"),
                               params={"team": team, "to_month": month})).json()
        return bool(body["locality_indicators"])

    await eventually(indicator_shown, what="the imported indicator")
    await sign_in(page, base, "team_manager", "tm-clinic")
    await page.goto(f"{base}/clinic?to_month={month}")
    # The filters work from the keyboard: choose the team, tab to "Show", press Enter.
    await page.get_by_label("Team").select_option(team)
    await page.get_by_label("Months").focus()
    await page.keyboard.press("Tab")
    assert await page.evaluate("document.activeElement.textContent") == "Show"
    await page.keyboard.press("Enter")
    await page.wait_for_url(f"**/clinic?team={team}*")
    charts = page.locator("figure.chart svg.pygal-chart")
    assert await charts.count() == 3  # grades, trends, indicators
    for n in range(3):
        box = await charts.nth(n).bounding_box()
        assert box and box["width"] > 200 and box["height"] > 50
    assert await page.get_by_role("img", name="Grade distribution, stacked bars").count() == 1
    assert await page.locator("#audits-completed").inner_text() == "2"
    assert "Visits in time (%)" in await page.locator("#table-indicators").inner_text()
    assert await page.locator("#no-individuals").is_visible()


async def test_a_head_of_service_downloads_an_impact_table(services, http, page):
    month, team = unique_month(), uid("team")
    await audits_for_team(services, http, month, team, ["good", "requires_improvement", "good"])
    base = services.url("reporting")
    await sign_in(page, base, "head_of_service", "hos-impact")
    await page.goto(f"{base}/impact?month={month}&team={team}")
    assert await page.locator("figure.chart svg.pygal-chart").count() == 1  # trends
    # No case was audited twice: said in words, not drawn as an empty chart.
    assert await page.get_by_text("No case was audited twice in these 12 months").is_visible()
    async with page.expect_download() as pending:
        await page.locator("#table-questions caption").get_by_role("link", name="CSV").click()
    download = await pending.value
    assert download.suggested_filename == f"impact-{month}-questions.csv"
    lines = open(await download.path(), encoding="utf-8-sig").read().splitlines()
    assert lines[0] == "Question,Figure,Value"
    assert "How much did we do?,Audits,3" in lines
    assert "How well did we do it?,Good or better percent,66.7" in lines
