"""A person uploads an export with a bad row and reads the row-by-row report, then corrects
the quarantined row and re-submits it, in a real browser."""

from __future__ import annotations

from tests.support.factories import uid


async def sign_in(page, base: str, role: str, next_path: str) -> None:
    await page.goto(f"{base}{next_path}")
    assert "/login" in page.url
    await page.get_by_label("Role").select_option(role)
    await page.get_by_label("Your id in the staff directory").fill(f"{role}-001")
    await page.get_by_role("button", name="Sign in").click()
    await page.wait_for_url(f"{base}{next_path}")


async def test_upload_a_file_with_a_bad_row_and_see_the_row_report(services, page):
    base = services.url("feedback_ingestion")
    good, bad = uid("cm"), uid("cm")
    csv = (f"Compliment ID,Date,Compliment\n{good},04/11/2026,Synthetic thanks\n"
           f"{bad},31/02/2026,Synthetic thanks\n")
    await sign_in(page, base, "head_of_quality", "/imports/new")
    await page.get_by_label("Source").select_option("compliment")
    await page.get_by_label("File").set_input_files(
        {"name": "compliments.csv", "mimeType": "text/csv", "buffer": csv.encode()})
    await page.get_by_role("button", name="Import").click()
    await page.wait_for_selector("#rows")
    assert await page.locator("h1").inner_text() == "Import report"
    assert await page.locator("#count-received").inner_text() == "2"
    assert await page.locator("#count-quarantined").inner_text() == "1"
    rows = page.locator("#rows tbody tr")
    assert await rows.count() == 2
    assert (await rows.nth(0).inner_text()).split() == ["2", "accepted"]
    second = await rows.nth(1).inner_text()
    assert "quarantined" in second and "Date: not a UK date (dd/mm/yyyy)" in second

    await rows.nth(1).get_by_role("link").click()
    await page.wait_for_selector("#content")
    corrected = (await page.get_by_label("Content").input_value()).replace("31/02/2026",
                                                                           "28/02/2026")
    await page.get_by_label("Content").fill(corrected)
    await page.get_by_role("button", name="Re-submit").click()
    await page.wait_for_selector("#message")
    assert await page.locator("#message").inner_text() == "Re-submitted: accepted."


async def test_an_empty_file_says_so(services, page):
    base = services.url("feedback_ingestion")
    await sign_in(page, base, "admin", "/imports/new")
    await page.get_by_label("File").set_input_files(
        {"name": "empty.csv", "mimeType": "text/csv", "buffer": b""})
    await page.get_by_role("button", name="Import").click()
    await page.wait_for_selector("#import-error")
    assert "the file is empty" in await page.locator("#import-error").inner_text()
