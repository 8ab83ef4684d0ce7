"""Subject access in the browser (issue 14): the data protection officer records a request for
a child from data protection's home page, sees its due date, gathers the bundle from every
service, withholds a third-party item (a reason is asked for first) and releases another,
opens the bundle as JSON and as a PDF, and moves the request on; every page axe-clean and
worked by keyboard. A head of quality gets the 403 page naming the officer's role. Headless
Chromium; all six services as processes on the real Kafka and store."""

from __future__ import annotations


from dateutil.relativedelta import relativedelta
from playwright.async_api import expect

from shared.england_time import england_today
from tests.support.accessibility import assert_accessible
from tests.support.auth import bearer
from tests.support.factories import audit_command, uid
from tests.support.pdf import pdf_text

from ..action_tracking.pages import sign_in


async def test_the_officer_records_gathers_reviews_and_opens_a_bundle(services, page, http):
    case_ref = uid("TEST-CASE")
    audit = await http.post(f"{services.url('audit_capture')}/audits",
                            json=audit_command(case_ref=case_ref), headers=bearer("auditor"))
    assert audit.status_code == 201, audit.text
    base = services.url("data_protection")
    await sign_in(page, base, "data_protection_officer", uid("dpo"))

    await page.get_by_role("link", name="Subject access requests").focus()
    await page.keyboard.press("Enter")
    await page.wait_for_url(f"{base}/subject-access")
    await assert_accessible(page, "the requests page")
    await page.get_by_label("Whose personal data is asked for").select_option("child")
    await page.get_by_label("case reference or the member of staff's person id").fill(case_ref)
    await page.get_by_role("button", name="Record the request").click()
    await page.wait_for_url(f"{base}/subject-access/*")
    request_id = page.url.rsplit("/", 1)[1]
    due = england_today() + relativedelta(months=1)
    await expect(page.locator("#due-on")).to_have_text(due.isoformat())
    await expect(page.locator("#progress")).to_have_text("received")
    await assert_accessible(page, "a request before its bundle")

    await page.get_by_role("button", name="Gather the bundle from every service").click()
    await page.wait_for_url(f"{base}/subject-access/{request_id}#review-heading")
    await expect(page.locator("#progress")).to_have_text("gathering")
    held = await page.locator("#held-by-service").inner_text()
    assert "audit capture: 1 records" in held, held
    await assert_accessible(page, "a request with its bundle to review")

    row = page.get_by_role("row").filter(has=page.get_by_text("auditor_ids")).first
    await row.get_by_label("Decision on item").select_option("withhold")
    await row.get_by_role("button", name="Record the decision").click()
    await expect(page.get_by_text("Say why the item is withheld")).to_be_visible()
    row = page.get_by_role("row").filter(has=page.get_by_text("auditor_ids")).first
    await row.get_by_label("Decision on item").select_option("withhold")
    await row.get_by_label("Reason for item").fill("Synthetic: the auditor's own information")
    await row.get_by_role("button", name="Record the decision").click()
    await expect(page.get_by_role("row").filter(
        has=page.get_by_text("auditor_ids")).first).to_contain_text(
        "withhold: Synthetic: the auditor's own information")
    assert "social_worker_id" in await page.get_by_role("table").inner_text()
    await expect(page.locator("#copy-to-send")).to_contain_text("once every item is decided")

    as_json = await page.request.get(f"{base}/subject-access-requests/{request_id}/bundle?fmt=json")
    bundle = await as_json.json()
    assert case_ref in str(bundle["held"]["audit_capture"])
    assert [r["decision"] for r in bundle["reviews"]] == ["withhold"]
    await page.get_by_role("link", name="the bundle as JSON").click()
    assert case_ref in await page.locator("body").inner_text()
    await page.go_back()
    as_pdf = await page.request.get(f"{base}/subject-access-requests/{request_id}/bundle?fmt=pdf")
    assert as_pdf.headers["content-type"] == "application/pdf"
    assert case_ref in pdf_text(await as_pdf.body())

    await page.get_by_role("button", name="Mark it review").click()
    await expect(page.locator("#progress")).to_have_text("review")
    await page.goto(f"{base}/subject-access")
    row = page.get_by_role("row").filter(has=page.get_by_text(case_ref))
    await expect(row).to_contain_text(due.isoformat())
    await expect(row).to_contain_text("review")


async def test_another_role_is_told_only_the_officer_may_open_requests(services, page):
    base = services.url("data_protection")
    await sign_in(page, base, "head_of_quality", uid("hoq"))
    assert await page.get_by_role("link", name="Subject access requests").count() == 0
    refused = await page.goto(f"{base}/subject-access")
    assert refused.status == 403
    await expect(page.get_by_role("heading", level=1)).to_have_text("You cannot see this page")
    await expect(page.locator("#needed-roles")).to_contain_text("data protection officer")
    await assert_accessible(page, "the refusal page")
