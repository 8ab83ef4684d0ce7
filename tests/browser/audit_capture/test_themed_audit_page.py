"""An auditor records a themed audit by keyboard in headless Chromium: the theme chosen from
the list, a question left unanswered refused (what was typed kept), then recorded with its
partner agencies. No JavaScript needed by the page."""

from __future__ import annotations

from schemas import topics
from tests.browser.audit_capture.test_audit_and_moderation_pages import _sign_in
from tests.support.auth import bearer
from tests.support.factories import uid, unique_month
from tests.support.kafka import TopicTail

HOQ = bearer("head_of_quality", sub="hoq-browser")


async def _type(page, label: str, text: str) -> None:
    await page.get_by_label(label, exact=True).focus()
    await page.keyboard.type(text)


async def test_an_auditor_records_a_themed_audit_by_keyboard(services, http, page):
    base, p, month = services.url("audit_capture"), uid("bt"), unique_month()
    theme = uid("theme")
    defined = await http.put(f"{base}/themes/{theme}", headers=HOQ, json={
        "theme_id": theme, "title": f"Synthetic theme {p}",
        "questions": [{"id": "q1", "text": "Was a risk assessment completed?"},
                      {"id": "q2", "text": "Was the referral timely?"}]})
    assert defined.status_code == 200, defined.text
    await _sign_in(page, base, "auditor", f"{p}-aud")
    await page.get_by_role("link", name="Record a themed audit").focus()
    await page.keyboard.press("Enter")
    await page.wait_for_url(f"{base}/themed-audits/new")
    await page.get_by_label("Theme", exact=True).select_option(theme)
    await page.get_by_role("button", name="Choose the theme").focus()
    await page.keyboard.press("Enter")
    await page.wait_for_url(f"{base}/themed-audits/new?theme_id={theme}")

    await _type(page, "Case reference", f"TEST-{p}")
    await _type(page, "Team id", f"{p}-team")
    await page.get_by_label("Month audited (YYYY-MM)").fill("")
    await _type(page, "Month audited (YYYY-MM)", month)
    await _type(page, "Partner agencies taking part (one per line; leave empty if none)",
                "Fictional Police")
    await page.keyboard.press("Enter")
    await page.keyboard.type("Fictional School")
    # Radios by keyboard: focus the group's first radio, arrow keys move and select.
    await page.get_by_role("group", name="Question 1: Was a risk assessment completed?") \
        .get_by_label("Yes").focus()
    await page.keyboard.press("Space")
    await page.keyboard.press("ArrowDown")  # Partly
    await _type(page, "Question 1: evidence", "Synthetic evidence by keyboard")
    await page.get_by_role("button", name="Record the themed audit").focus()
    await page.keyboard.press("Enter")

    alert = await page.get_by_role("alert").inner_text()
    assert "choose yes, partly, no or not applicable" in alert
    second = page.get_by_role("group", name="Question 2: Was the referral timely?")
    assert await second.get_by_label("Yes").get_attribute("aria-invalid") == "true"
    assert await page.get_by_label("Question 1: evidence").input_value() == \
        "Synthetic evidence by keyboard"
    assert await page.get_by_role("group", name="Question 1: Was a risk assessment completed?") \
        .get_by_label("Partly").is_checked()

    await second.get_by_label("Yes").focus()
    await page.keyboard.press("Space")
    async with TopicTail(topics.AUDIT) as audits:
        await page.get_by_role("button", name="Record the themed audit").focus()
        await page.keyboard.press("Enter")
        await page.wait_for_url(f"{base}/themed-audits/new?theme_id={theme}&recorded=*")
        assert await page.get_by_role("status").inner_text() == "Themed audit recorded."
        themed_audit_id = page.url.split("recorded=")[1]
        event = await audits.wait_for(lambda m: m["subject"] == themed_audit_id)
    data = event["data"]
    assert data["case_ref"] == f"TEST-{p}" and data["month"] == month
    assert data["auditor_ids"] == [f"{p}-aud"]
    assert data["partner_agencies"] == ["Fictional Police", "Fictional School"]
    assert [(a["question_id"], a["answer"], a["evidence"]) for a in data["answers"]] == [
        ("q1", "partly", "Synthetic evidence by keyboard"), ("q2", "yes", "")]
