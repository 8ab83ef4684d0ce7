"""The head of quality defines a theme on its page, edits a question and retires it, by
keyboard in headless Chromium (issue 11); an auditor is offered it while it is in use and not
after it is retired. A refusal (no questions) is shown next to its field."""

from __future__ import annotations

from tests.browser.audit_capture.test_audit_and_moderation_pages import _sign_in
from tests.support.factories import uid


async def _type(page, label: str, text: str) -> None:
    await page.get_by_label(label, exact=True).focus()
    await page.keyboard.press("Control+A")
    await page.keyboard.type(text)


async def _press(page, button: str) -> None:
    await page.get_by_role("button", name=button).focus()
    await page.keyboard.press("Enter")


async def test_the_head_of_quality_defines_edits_and_retires_a_theme(services, page):
    base, title = services.url("audit_capture"), f"Synthetic theme {uid('bt')}"
    await _sign_in(page, base, "head_of_quality", "hoq-browser")
    await page.get_by_role("link", name="Define, edit or retire themes").focus()
    await page.keyboard.press("Enter")
    await page.wait_for_url(f"{base}/manage-themes")

    await _type(page, "Title of the theme", title)
    await _press(page, "Define the theme")
    error = page.locator("#questions-error")
    assert await error.inner_text() == "Write at least one question, one a line"
    assert await page.get_by_label("Questions (one a line)").get_attribute("aria-invalid") == \
        "true"
    assert await page.get_by_label("Title of the theme").input_value() == title

    await _type(page, "Questions (one a line)", "Was a risk assessment completed?")
    await page.keyboard.press("Enter")
    await page.keyboard.type("Was the referral timely?")
    await _press(page, "Define the theme")
    await page.wait_for_load_state()
    assert await page.get_by_role("status").inner_text() == "Theme defined."
    row = page.locator("#themes tr", has_text=title)
    assert "in use" in await row.inner_text() and "2" in await row.inner_text()

    await row.get_by_role("link").focus()
    await page.keyboard.press("Enter")
    await page.wait_for_load_state()
    assert (await page.get_by_role("heading", level=1).inner_text()) == f"Theme: {title}"
    await _type(page, "Questions (one a line)", "Was a risk assessment completed?\n"
                "Was the referral made within a day?")
    await _press(page, "Save the theme")
    await page.wait_for_load_state()
    assert await page.get_by_role("status").inner_text() == "Theme saved."

    await _sign_in(page, base, "auditor", "auditor-browser-themes")
    await page.goto(f"{base}/themed-audits/new")
    offered = await page.get_by_label("Theme", exact=True).inner_text()
    assert title in offered

    await _sign_in(page, base, "head_of_quality", "hoq-browser")
    await page.goto(f"{base}/manage-themes")
    await page.locator("#themes tr", has_text=title).get_by_role("link").click()
    assert "Was the referral made within a day?" in \
        await page.get_by_label("Questions (one a line)").input_value()
    await _press(page, "Retire the theme")
    await page.wait_for_load_state()
    assert (await page.get_by_role("status").inner_text()).startswith("Theme retired")
    assert "retired on" in await page.locator("#themes tr", has_text=title).inner_text()

    await _sign_in(page, base, "auditor", "auditor-browser-themes")
    await page.goto(f"{base}/themed-audits/new")
    assert title not in await page.locator("main").inner_text()
