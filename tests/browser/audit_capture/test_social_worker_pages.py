"""A social worker reads the results of the audit of their own case in headless Chromium
(issue 11): their home page lists it once the results are shared, and only what they may open;
the audit of someone else's case is refused."""

from __future__ import annotations

from tests.browser.audit_capture.test_audit_and_moderation_pages import _submitted_audit
from tests.browser.audit_capture.test_audit_and_moderation_pages import _sign_in
from tests.support.auth import bearer


async def test_a_social_worker_reads_the_results_of_their_own_audit(services, http, page):
    base = services.url("audit_capture")
    audit_id, _, worker, _ = await _submitted_audit(http, base)
    other_id, *_ = await _submitted_audit(http, base)  # another worker's case
    await _sign_in(page, base, "social_worker", worker)

    assert await page.get_by_role("heading", name="Audits of my cases").is_visible()
    links = await page.locator("main a").evaluate_all("links => links.map(a => a.href)")
    for href in links:  # everything the home page offers opens for this role
        answer = await http.get(href, headers=bearer("social_worker", sub=worker)
                                | {"Accept": "text/html"}, follow_redirects=True)
        assert answer.status_code == 200, (href, answer.status_code)
    assert not any("/planning" in h or "/observe/" in h or "/moderation" in h for h in links)

    link = page.get_by_role("link", name="Read the audit of TEST-")
    await link.focus()
    await page.keyboard.press("Enter")
    await page.wait_for_url(f"{base}/audits/{audit_id}/view")
    heading = await page.get_by_role("heading", level=1).inner_text()
    assert heading.startswith("Audit of TEST-")
    summary = await page.locator("#summary").inner_text()
    assert "Test Worker" in summary and worker not in summary  # by name, not id
    assert "submitted" in await page.locator("#status").inner_text()
    assert await page.get_by_role("button", name="Sign off TEST-").count() == 0

    refused = await page.goto(f"{base}/audits/{other_id}/view")
    assert refused.status == 403
    assert "shared with you" in await page.locator("main").inner_text()
