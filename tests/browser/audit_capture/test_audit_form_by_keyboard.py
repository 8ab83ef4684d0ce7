"""An auditor does an audit from allocation to submission by keyboard alone in headless
Chromium (issue 11): the worker comes prefilled from the allocation, checkboxes sit beside
their labels, evidence boxes are sized for paragraphs, and one refusal ("Choose a grade for
Standard 3") is shown next to its field with everything typed kept."""

from __future__ import annotations

from tests.browser.audit_capture.test_audit_and_moderation_pages import HOQ, _sign_in
from tests.support.auth import bearer
from tests.support.directory import duty_groups, import_staff
from tests.support.factories import uid, unique_month

EVIDENCE = "Synthetic evidence: the plan was reviewed.\nA second paragraph, typed by keyboard."


async def _allocated_with_worker(http, base: str) -> tuple[str, str, str]:
    p, month = uid("bk"), unique_month()
    planned = await http.post(f"{base}/programme", headers=HOQ,
                              json={"first_month": month, "themes": ["Journey and impact"]})
    assert planned.status_code == 201, planned.text
    audit_group, _ = await duty_groups(http, base, month)  # as planned
    await import_staff(http, f"{base}/directory/import",
                       "person_id,display_name,team_id,team_name,job_role,line_manager_id,"
                       "audit_group\n"
                       f"{p}-aud,Test Auditor,{p}-team,Fictional Team,Team manager,,{audit_group}\n"
                       f"{p}-sw,Test Worker,{p}-team,,Social worker,{p}-aud,\n")
    allocated = await http.post(f"{base}/programme/{month}/allocations", headers=HOQ, json={
        "case_ref": f"TEST-{p}", "team_id": f"{p}-team", "auditor_ids": [f"{p}-aud"],
        "social_worker_id": f"{p}-sw"})
    assert allocated.status_code == 201, allocated.text
    return allocated.json()["audit_id"], f"{p}-aud", f"{p}-sw"


async def _tab_to(page, element_id: str) -> None:
    """Tab (forwards) until the element has the focus; bounded by the form's length."""
    for _ in range(150):
        if await page.evaluate("document.activeElement && document.activeElement.id") == \
                element_id:
            return
        await page.keyboard.press("Tab")
    raise AssertionError(f"Tab never reached #{element_id}")


async def _type(page, element_id: str, text: str) -> None:
    await _tab_to(page, element_id)
    await page.keyboard.type(text)


async def _choose(page, element_id: str, first_letters: str) -> None:
    """A select chosen the way a keyboard user does: focus it and type the option's start."""
    await _tab_to(page, element_id)
    await page.keyboard.type(first_letters)


async def test_an_auditor_fills_and_submits_the_audit_by_keyboard(services, http, page):
    base = services.url("audit_capture")
    audit_id, auditor, worker = await _allocated_with_worker(http, base)
    await _sign_in(page, base, "auditor", auditor)
    link = page.get_by_role("link", name="Open the audit of TEST-")
    await link.focus()
    await page.keyboard.press("Enter")
    await page.wait_for_url(f"{base}/audits/{audit_id}/form")

    assert await page.get_by_label("Social worker's id").input_value() == worker
    assert await page.locator("#std1_evidence").get_attribute("rows") == "8"
    box = await page.locator("#impact_better_off").bounding_box()
    label = await page.locator("label[for=impact_better_off]").bounding_box()
    assert abs(box["y"] + box["height"] / 2 - (label["y"] + label["height"] / 2)) < label["height"]
    assert label["x"] > box["x"]  # the label beside its box, after it

    await page.locator("#social_worker_id").focus()
    await _choose(page, "std1_grade", "Good")
    await _type(page, "std1_evidence", EVIDENCE)
    await _choose(page, "std2_grade", "Good")
    # Standard 3's grade is left out: the refusal below.
    for n in (4, 5, 6):
        await _choose(page, f"std{n}_grade", "Good")
    await _choose(page, "child_seen_alone", "Yes")
    await _choose(page, "overall_grade", "Good")
    await _choose(page, "impact_grade", "Requires")
    await _tab_to(page, "impact_better_off")
    await page.keyboard.press("Space")
    await _choose(page, "child_view_status", "Obtained")
    await _choose(page, "parent_view_status", "Not possible")
    await _type(page, "action_1_description", "Synthetic: review the plan with the family")
    await _type(page, "action_1_owner_id", worker)
    await _type(page, "action_1_due_date", "31/07/2026")
    await _tab_to(page, "submit-audit")
    await page.keyboard.press("Enter")

    await page.wait_for_load_state()
    error = page.locator("#std3_grade-error")
    assert await error.inner_text() == "Choose a grade for Standard 3"
    field = page.get_by_label("Standard 3 grade")
    assert await field.get_attribute("aria-invalid") == "true"
    assert await field.get_attribute("aria-describedby") == "std3_grade-error"
    error_box, field_box = await error.bounding_box(), await field.bounding_box()
    assert 0 <= field_box["y"] - error_box["y"] < 80  # right above its field
    assert "Choose a grade for Standard 3" in await page.get_by_role("alert").inner_text()
    assert await page.locator("#std1_evidence").input_value() == EVIDENCE  # all kept
    assert await page.locator("#impact_better_off").is_checked()
    assert await page.locator("#action_1_due_date").input_value() == "31/07/2026"

    await page.get_by_role("alert").get_by_role("link",
                                                 name="Choose a grade for Standard 3").focus()
    await page.keyboard.press("Enter")  # the summary's link takes the focus to the field
    assert await page.evaluate("document.activeElement.id") == "std3_grade"
    await page.keyboard.type("Good")
    await _tab_to(page, "submit-audit")
    await page.keyboard.press("Enter")
    await page.wait_for_url(f"{base}/?submitted={audit_id}")
    assert "submitted" in await page.locator(f"#audit-{audit_id} .status").inner_text()

    audit = (await http.get(f"{base}/audits/{audit_id}", headers=HOQ)).json()
    assert audit["social_worker_id"] == worker
    assert [s["grade"] for s in audit["standards"]] == ["good"] * 6
    assert audit["standards"][0]["evidence"].replace("\r\n", "\n") == EVIDENCE
    assert audit["impact"]["grade"] == "requires_improvement" and audit["impact"]["better_off"]
    assert [(a["owner_id"], a["due_date"]) for a in audit["actions"]] == [(worker, "2026-07-31")]
    assert (await http.get(f"{base}/audits/{audit_id}",
                           headers=bearer("social_worker", sub=worker))).status_code == 200
