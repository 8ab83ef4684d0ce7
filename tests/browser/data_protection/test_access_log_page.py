"""The access log in the browser (issue 14): a head of quality opens a child's audit; the data
protection officer reaches the access log from data protection's home by keyboard, searches
by the child's case reference, sees who read it, from which service and why, and downloads
the entries as CSV. axe-clean. Headless Chromium; all six services on the real Kafka and
store."""

from __future__ import annotations

import csv
import io

from playwright.async_api import expect

from tests.support.accessibility import assert_accessible
from tests.support.auth import bearer
from tests.support.factories import audit_command, uid
from tests.support.waiting import eventually

from ..action_tracking.pages import sign_in

OFFICER = bearer("data_protection_officer", sub="dpo-fict-log")


async def test_the_officer_finds_who_read_a_childs_audit_by_keyboard(services, page, http):
    case_ref, reader = uid("TEST-CASE"), uid("hoq")
    made = await http.post(f"{services.url('audit_capture')}/audits",
                           json=audit_command(case_ref=case_ref), headers=bearer("auditor"))
    assert made.status_code == 201, made.text
    viewed = await http.get(f"{services.url('audit_capture')}/audits/"
                            f"{made.json()['audit_id']}/view", params={"purpose": "management_oversight"},
                            headers=bearer("head_of_quality", sub=reader))
    assert viewed.status_code == 200, viewed.text
    base = services.url("data_protection")

    async def logged() -> bool:
        found = await http.get(f"{base}/access-log", params={"child": case_ref},
                               headers=OFFICER)
        return found.is_success and any(e["reader_id"] == reader for e in found.json())
    await eventually(logged, timeout=30, what="the read in the access log")

    await sign_in(page, base, "data_protection_officer", uid("dpo"))
    await page.get_by_role("link", name="Access log: who read whose personal data").focus()
    await page.keyboard.press("Enter")
    await page.wait_for_url(f"{base}/access-log/search")
    await assert_accessible(page, "the access log before a search")
    await page.get_by_label("Child's case reference").fill(case_ref)
    await page.keyboard.press("Enter")  # submits the search form from its field
    await expect(page.get_by_role("heading", name="1 read found")).to_be_visible()
    row = page.get_by_role("row").filter(has=page.get_by_text("audit_capture"))
    await expect(row).to_contain_text("head_of_quality")
    await expect(row).to_contain_text("GET /audits/{audit_id}/view")
    await expect(row).to_contain_text("Management oversight or supervision")  # the purpose
    assert case_ref not in await page.get_by_role("table").inner_text()  # pseudonyms only
    await assert_accessible(page, "the access log with a child's reads")

    async with page.expect_download() as downloading:
        await page.get_by_role("link", name="Download these entries as CSV").click()
    rows = list(csv.DictReader(io.StringIO(
        (await (await downloading.value).path()).read_text())))
    assert [r["reader_id"] for r in rows] == [reader]
