"""A person signs in with the keyboard and reads the monthly briefing in a real browser."""

from __future__ import annotations

from tests.support.auth import bearer
from tests.support.factories import audit_command, unique_month
from tests.support.waiting import eventually


async def test_sign_in_by_keyboard_and_read_the_briefing(services, http, page):
    month = unique_month()
    for grade in ("good", "inadequate"):
        response = await http.post(f"{services.url('audit_capture')}/audits",
                                   json=audit_command(month=month, overall_grade=grade),
                                   headers=bearer("auditor"))
        assert response.status_code == 201

    async def both_reported():
        body = (await http.get(f"{services.url('reporting')}/reports/monthly-briefing",
                               params={"month": month}, headers=bearer("director"))).json()
        return body["audits"]["completed"] == 2

    await eventually(both_reported, what="both audits in the briefing")

    base = services.url("reporting")
    await page.goto(f"{base}/briefing?month={month}")
    assert "/login" in page.url  # not signed in: sent to sign in, then back
    await page.get_by_label("Role").focus()
    await page.keyboard.type("director")
    await page.keyboard.press("Tab")
    await page.keyboard.press("Control+A")
    await page.keyboard.type("director-001")
    await page.keyboard.press("Enter")
    await page.wait_for_url(f"**/briefing?month={month}")
    assert await page.locator("h1").inner_text() == f"Monthly briefing: {month}"
    assert await page.locator("#audits-completed").inner_text() == "2"
    overall = page.get_by_role("img", name="Overall grades: 0 outstanding, 1 good")
    assert await overall.count() == 1
    assert "Signed in as director-001" in await page.locator("header").inner_text()


async def test_a_role_without_the_briefing_is_told_plainly(services, page):
    base = services.url("reporting")
    await page.goto(f"{base}/login")
    await page.get_by_label("Role").select_option("social_worker")
    await page.get_by_label("Your id in the staff directory").fill("sw-001")
    await page.get_by_role("button", name="Sign in").click()
    await page.wait_for_url(f"{base}/")
    assert await page.get_by_role("link", name="Monthly briefing").count() == 0
    response = await page.goto(f"{base}/briefing")
    assert response.status == 403
    assert "cannot see this page" in await page.locator("h1").inner_text()
