"""An IRO records a conference checklist by keyboard in headless Chromium: refused with no
item answered (what was typed kept), then recorded, the feedback addressed to the worker's
line manager from the directory. No JavaScript needed by the page."""

from __future__ import annotations

from tests.browser.audit_capture.test_audit_and_moderation_pages import _sign_in
from tests.support.auth import bearer
from tests.support.directory import import_staff
from tests.support.factories import uid

HOQ = bearer("head_of_quality", sub="hoq-browser")


async def _type(page, label: str, text: str, *, exact: bool = False) -> None:
    await page.get_by_label(label, exact=exact).focus()
    await page.keyboard.type(text)


async def test_a_chair_records_a_checklist_by_keyboard(services, http, page):
    base, p = services.url("audit_capture"), uid("bc")
    staff = ("person_id,display_name,team_id,team_name,job_role,line_manager_id,audit_group\n"
             f"{p}-tm,Test Manager,{p}-team,Fictional Team,Team manager,,\n"
             f"{p}-sw,Test Worker,{p}-team,,Social worker,{p}-tm,\n")
    await import_staff(http, f"{base}/directory/import", staff)
    await _sign_in(page, base, "auditor", f"{p}-iro")
    await page.get_by_role("link", name="Record a conference or review checklist").focus()
    await page.keyboard.press("Enter")
    await page.wait_for_url(f"{base}/observe/checklist")

    await page.get_by_label("Conference or review").select_option("lac_review")
    await page.get_by_label("You chaired it as").select_option("iro")
    await _type(page, "Held on (YYYY-MM-DD)", "2026-06-03")
    await _type(page, "Case reference", f"TEST-{p}")
    await _type(page, "Worker's team id", f"{p}-team")
    await _type(page, "Social worker's staff id", f"{p}-sw")
    await page.get_by_label("Quality of practice").select_option("good")
    await page.get_by_label("Impact for the child").select_option("requires_improvement")
    await _type(page, "Feedback for the worker's line manager", "Synthetic feedback by keyboard")
    await page.get_by_role("button", name="Record the checklist").focus()
    await page.keyboard.press("Enter")
    alert = await page.get_by_role("alert").inner_text()
    assert "answer at least one item of the checklist" in alert
    first_item = page.get_by_label("Item 1: answer")
    assert await first_item.get_attribute("aria-invalid") == "true"
    assert await page.get_by_label("Feedback for the worker's line manager").input_value() == \
        "Synthetic feedback by keyboard"
    assert await page.get_by_label("Case reference").input_value() == f"TEST-{p}"

    await page.get_by_label("Item 2: answer").select_option("partly")
    await _type(page, "Item 2: comment", "Synthetic: views recorded by the IRO")
    await page.get_by_role("button", name="Record the checklist").focus()
    await page.keyboard.press("Enter")
    await page.wait_for_url(f"{base}/observe/checklist?recorded=*")
    assert await page.get_by_role("status").inner_text() == "Checklist recorded."
    recorded = (await http.get(f"{base}/observations", params={"kind": "checklist"},
                               headers=HOQ)).json()
    [mine] = [o for o in recorded if o["case_ref"] == f"TEST-{p}"]
    assert mine["chair_id"] == f"{p}-iro" and mine["line_manager_id"] == f"{p}-tm"
    assert mine["answers"] == [{"item": "The child's views and wishes were evident",
                                "answer": "partly",
                                "comment": "Synthetic: views recorded by the IRO"}]
    assert mine["feedback"] == "Synthetic feedback by keyboard"
