"""Legal holds and retention in the browser (issue 14): the data protection officer reaches
the holds page from data protection's home by keyboard, sets a hold (a refusal first names
the missing reason beside its field) and lifts it; on the retention page the schedule is
listed and a dry run is started by keyboard, after which the run shows its counts for every
service. Every page axe-clean. Headless Chromium; all six services on the real Kafka and
store."""

from __future__ import annotations

from playwright.async_api import expect

from tests.support.accessibility import assert_accessible
from tests.support.factories import uid

from ..action_tracking.pages import sign_in


async def test_the_officer_sets_and_lifts_a_hold_and_starts_a_dry_run(services, page):
    base, team = services.url("data_protection"), uid("team")
    await sign_in(page, base, "data_protection_officer", uid("dpo"))

    await page.get_by_role("link", name="Legal holds").focus()
    await page.keyboard.press("Enter")
    await page.wait_for_url(f"{base}/holds")
    await assert_accessible(page, "the legal holds page")
    await page.get_by_label("Team id").fill(team)
    await page.get_by_role("button", name="Set the hold").press("Enter")
    await expect(page.locator("#reason-error")).to_be_visible()
    await assert_accessible(page, "the holds page with a refusal")
    await page.get_by_label("Why they must be kept").fill("Fictional inquiry's order")
    await page.get_by_label("Why they must be kept").press("Tab")
    await page.keyboard.press("Enter")  # focus is on the button after the last field
    await page.wait_for_url(f"{base}/holds")
    row = page.get_by_role("row").filter(has=page.get_by_text(team))
    await expect(row).to_contain_text("Fictional inquiry")
    await row.get_by_role("button", name="Lift").press("Enter")
    await expect(page.get_by_role("row").filter(has=page.get_by_text(team))).to_contain_text("by ")
    await assert_accessible(page, "the holds page with a lifted hold")

    await page.goto(f"{base}/")
    await page.get_by_role("link", name="Retention: the schedule").focus()
    await page.keyboard.press("Enter")
    await page.wait_for_url(f"{base}/retention")
    await expect(page.get_by_role("table", name="The schedule")).to_contain_text("audits")
    await page.get_by_role("button", name="Dry run now").focus()
    await page.keyboard.press("Enter")
    await page.wait_for_url(f"{base}/retention#run-*")
    run = page.locator("section").first
    await expect(run).to_contain_text("Dry run for")
    for service in ("audit_capture", "feedback_ingestion", "action_tracking", "reporting",
                    "learning", "data_protection"):
        await expect(run.get_by_role("row").filter(has_text=service).first).to_be_visible()
    await assert_accessible(page, "the retention page with a dry run")
