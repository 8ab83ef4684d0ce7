"""The head of quality opens the read-only page of a moderated audit from the moderation list
in headless Chromium, reads the findings and the moderation (free text shown as text, not
markup), reaches the "Sign off" button by keyboard alone and signs the audit off."""

from __future__ import annotations

from tests.browser.audit_capture.test_audit_and_moderation_pages import _submitted_audit
from tests.browser.audit_capture.test_audit_and_moderation_pages import _sign_in
from tests.support.auth import bearer

HOQ = bearer("head_of_quality", sub="hoq-browser")
RATIONALE = "Synthetic: oversight <b>not</b> evident"


async def _moderated_audit(http, base: str) -> tuple[str, str, str]:
    audit_id, auditor, worker, month = await _submitted_audit(http, base)
    drawn = await http.post(f"{base}/programme/{month}/moderation-sample", headers=HOQ,
                            json={"seed": 1})
    assert drawn.json()["audit_ids"] == [audit_id], drawn.text
    body = {"standards": [{"standard": n, "agree": n != 6} for n in range(1, 7)],
            "overall_agree": True}
    body["standards"][5] |= {"grade": "good", "rationale": RATIONALE}
    moderated = await http.post(f"{base}/audits/{audit_id}/moderation", json=body,
                                headers=bearer("moderator", sub=auditor.replace("-aud", "-mod")))
    assert moderated.status_code == 200, moderated.text
    return audit_id, month, worker


async def test_the_head_of_quality_reads_a_moderated_audit_and_signs_it_off(services, http,
                                                                             page):
    base = services.url("audit_capture")
    audit_id, month, worker = await _moderated_audit(http, base)
    await _sign_in(page, base, "head_of_quality", "hoq-browser")
    await page.goto(f"{base}/moderation?month={month}")
    await page.get_by_role("link", name="View TEST-").click()
    await page.wait_for_url(f"{base}/audits/{audit_id}/view")

    heading = await page.get_by_role("heading", level=1).inner_text()
    assert heading.startswith("Audit of TEST-")
    assert await page.locator("#status").inner_text() == \
        "moderated · in the month's moderation sample"
    summary = await page.locator("#summary").inner_text()
    assert "Test Worker" in summary and worker not in summary  # by name, not id
    assert await page.locator("#standard-6-grade").inner_text() == "Good (changed by moderation)"
    row = await page.locator("#moderated-6").inner_text()
    assert "Disagrees" in row and RATIONALE in row and "Inadequate to Good" in row
    assert await page.locator("#moderated-6 b").count() == 0  # the typed tag stayed text
    assert await page.get_by_role("heading", name="Moderation").is_visible()

    button = page.get_by_role("button", name="Sign off TEST-")
    focused = ""
    for _ in range(40):  # bounded: the page has a few dozen focusable elements at most
        await page.keyboard.press("Tab")
        focused = await page.evaluate("document.activeElement.textContent")
        if focused.startswith("Sign off TEST-"):
            break
    assert focused == await button.inner_text(), focused
    await page.keyboard.press("Enter")
    await page.wait_for_url(f"{base}/moderation?month={month}&signed_off={audit_id}")
    assert await page.get_by_role("status").inner_text() == "Audit signed off."
    await page.goto(f"{base}/audits/{audit_id}/view")
    assert (await page.locator("#signed-off").inner_text()).startswith(
        "Signed off by hoq-browser on ")
    assert await button.count() == 0
