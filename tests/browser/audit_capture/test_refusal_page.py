"""A refusal says which role is needed (issue 11): in headless Chromium a performance team
member who opens the practice observation page gets the platform's own page, in its layout,
naming the roles that may open it, with a link home that works by keyboard; the head of
quality, whom the framework gives observation duties, opens the page."""

from __future__ import annotations

from tests.browser.audit_capture.test_audit_and_moderation_pages import _sign_in


async def test_a_refusal_names_the_roles_that_may_open_the_page(services, page):
    base = services.url("audit_capture")
    await _sign_in(page, base, "performance_team", "perf-browser")
    assert await page.get_by_role("link", name="Record a practice observation").count() == 0

    refused = await page.goto(f"{base}/observe/practice")
    assert refused.status == 403
    assert await page.get_by_role("heading", level=1).inner_text() == \
        "You cannot see this page"
    needed = await page.locator("#needed-roles").inner_text()
    for role in ("team manager", "head of quality", "practice learning team", "auditor",
                 "principal social worker", "head of service"):
        assert role in needed, needed
    assert "performance team" not in needed
    assert "perf-browser (performance team)" in await page.locator("main").inner_text()
    assert await page.get_by_role("navigation", name="Main").is_visible()  # the layout
    await page.get_by_role("link", name="Go to your home page").focus()
    await page.keyboard.press("Enter")
    await page.wait_for_url(f"{base}/")

    for role in ("head_of_quality", "practice_learning_team", "auditor"):
        await _sign_in(page, base, role, f"{role}-browser")
        await page.get_by_role("link", name="Record a practice observation").focus()
        await page.keyboard.press("Enter")
        await page.wait_for_url(f"{base}/observe/practice")
        assert await page.get_by_role("heading", level=1).count() == 1
