"""A director opens the monthly briefing and sees its charts; another person exports a table."""

from __future__ import annotations

from tests.support.auth import bearer
from tests.support.factories import audit_command, unique_month
from tests.support.reports import monthly_briefing
from tests.support.waiting import eventually


async def sign_in(page, base: str, role: str, sub: str) -> None:
    await page.goto(f"{base}/login")
    await page.get_by_label("Role").select_option(role)
    await page.get_by_label("Your id in the staff directory").fill(sub)
    await page.get_by_role("button", name="Sign in").click()
    await page.wait_for_url(f"{base}/")


async def audits_reported(services, http, month: str, grades: list[str]) -> None:
    for grade in grades:
        response = await http.post(f"{services.url('audit_capture')}/audits",
                                   json=audit_command(month=month, overall_grade=grade),
                                   headers=bearer("auditor"))
        assert response.status_code == 201, response.text

    async def reported():
        return (await monthly_briefing(http, services, month))["audits"]["completed"] == len(grades)

    await eventually(reported, what="audits in the briefing")


async def test_a_director_sees_the_briefing_charts(services, http, page):
    month = unique_month()
    await audits_reported(services, http, month, ["good", "outstanding", "inadequate"])
    base = services.url("reporting")
    await sign_in(page, base, "director", "director-charts")
    await page.goto(f"{base}/briefing?month={month}")
    charts = page.locator("figure.chart svg.pygal-chart")
    assert await charts.count() == 3
    for n in range(3):
        box = await charts.nth(n).bounding_box()
        assert box and box["width"] > 200 and box["height"] > 50  # drawn, not hidden
    grades = page.get_by_role("img", name="Grade distribution, stacked bars")
    assert await grades.count() == 1
    assert "Good or better" in await page.locator("figure.chart").nth(1).inner_text()
    assert await page.locator("#audits-completed").inner_text() == "3"


async def test_a_head_of_service_exports_a_table(services, http, page):
    month = unique_month()
    await audits_reported(services, http, month, ["good", "requires_improvement"])
    base = services.url("reporting")
    await sign_in(page, base, "head_of_service", "hos-export")
    await page.goto(f"{base}/briefing?month={month}")
    async with page.expect_download() as pending:
        await page.locator("#table-trends caption").get_by_role("link", name="CSV").click()
    download = await pending.value
    assert download.suggested_filename == f"briefing-{month}-trends.csv"
    text = open(await download.path(), encoding="utf-8-sig").read()
    lines = text.strip().splitlines()
    assert lines[0].startswith("Month,Audits completed")
    assert lines[-1].startswith(f"{month},2,50.0")
