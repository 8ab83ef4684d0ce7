"""An auditor fills the audit form by keyboard in headless Chromium (a draft that keeps an
action row, a validation message that keeps what was typed, two action rows, then
submission); a moderator then moderates it."""

from __future__ import annotations

from tests.support.auth import bearer
from tests.support.directory import duty_groups, import_staff
from tests.support.factories import audit_command, uid, unique_month

HOQ = bearer("head_of_quality", sub="hoq-browser")


async def _allocated_audit(http, base: str) -> tuple[str, str, str, str]:
    p, month = uid("b"), unique_month()
    planned = await http.post(f"{base}/programme", headers=HOQ,
                              json={"first_month": month, "themes": ["Journey and impact"]})
    assert planned.status_code == 201, planned.text
    audit_group, moderation_group = await duty_groups(http, base, month)  # as planned
    staff = ("person_id,display_name,team_id,team_name,job_role,line_manager_id,audit_group\n"
             f"{p}-aud,Test Auditor,{p}-team,Fictional Team,Team manager,,{audit_group}\n"
             f"{p}-sw,Test Worker,{p}-team,,Social worker,{p}-aud,\n"
             f"{p}-mod,Test Moderator,{p}-team,,Team manager,,{moderation_group}\n")
    await import_staff(http, f"{base}/directory/import", staff)
    case_ref = f"TEST-{p}"
    allocated = await http.post(f"{base}/programme/{month}/allocations", headers=HOQ, json={
        "case_ref": case_ref, "team_id": f"{p}-team", "auditor_ids": [f"{p}-aud"]})
    assert allocated.status_code == 201, allocated.text
    return allocated.json()["audit_id"], f"{p}-aud", f"{p}-sw", month


async def _submitted_audit(http, base: str) -> tuple[str, str, str, str]:
    """An allocated audit submitted by its auditor, of the worker's case (results shared)."""
    audit_id, auditor, worker, month = await _allocated_audit(http, base)
    findings = {k: v for k, v in audit_command().items()
                if k not in {"month", "case_ref", "team_id", "auditor_ids"}}
    submitted = await http.post(f"{base}/audits/{audit_id}/submit", json=findings | {
        "social_worker_id": worker}, headers=bearer("auditor", sub=auditor))
    assert submitted.status_code == 200, submitted.text
    return audit_id, auditor, worker, month


async def _sign_in(page, base: str, role: str, person: str) -> None:
    await page.goto(f"{base}/login")
    await page.get_by_label("Role").select_option(role)
    await page.get_by_label("Your id in the staff directory").fill(person)
    await page.get_by_role("button", name="Sign in").click()
    await page.wait_for_url(f"{base}/")


async def test_an_auditor_submits_and_a_moderator_moderates(services, http, page):
    base = services.url("audit_capture")
    audit_id, auditor, worker, month = await _allocated_audit(http, base)
    await _sign_in(page, base, "auditor", auditor)
    row = page.locator(f"#audit-{audit_id}")
    assert "allocated" in await row.locator(".status").inner_text()
    await row.get_by_role("link").click()

    await page.get_by_label("Social worker's id").fill(worker)
    await page.get_by_label("Standard 1 grade").select_option("good")
    await page.get_by_label("Action 1: what needs to happen").fill("Synthetic: update the plan")
    await page.get_by_label("Action 1: owner's staff id").fill(auditor)
    await page.get_by_label("Action 1: due by (dd/mm/yyyy)").fill("01/07/2026")
    await page.get_by_role("button", name="Save draft").click()
    assert await page.get_by_role("status").inner_text() == "Draft saved."
    assert await page.get_by_label("Standard 1 grade").input_value() == "good"
    assert await page.get_by_label("Action 1: owner's staff id").input_value() == auditor

    await page.get_by_label("Standard 1 evidence").fill("Synthetic evidence typed by keyboard")
    await page.get_by_label("Action 2: what needs to happen").fill("Synthetic: visit the school")
    await page.get_by_label("Action 2: due by (dd/mm/yyyy)").fill("15/07/2026")
    await page.get_by_role("button", name="Submit audit").click()  # most grades still missing
    alert = page.get_by_role("alert")
    assert "could not be submitted" in await alert.inner_text()
    assert "Choose a grade for Standard 2" in await alert.inner_text()
    assert "Action 2 needs an owner (their staff id)" in await alert.inner_text()
    assert await page.get_by_label("Standard 1 evidence").input_value() == \
        "Synthetic evidence typed by keyboard"
    assert await page.get_by_label("Standard 2 grade").get_attribute("aria-invalid") == "true"
    owner = page.get_by_label("Action 2: owner's staff id")
    assert await owner.get_attribute("aria-invalid") == "true"
    assert await page.get_by_label("Action 2: what needs to happen").input_value() == \
        "Synthetic: visit the school"
    await alert.get_by_role("link", name="Action 2 needs an owner").click()  # the summary's link
    await page.keyboard.type(worker)  # the link moved the focus to the empty field
    assert await owner.input_value() == worker

    for n in range(2, 7):
        await page.get_by_label(f"Standard {n} grade").select_option("good")
    await page.get_by_label("Was the child seen alone?").select_option("yes")
    await page.get_by_label("Overall grade").select_option("good")
    await page.get_by_label("Impact for the child").select_option("requires_improvement")
    await page.get_by_label("The child is better off").focus()
    await page.keyboard.press("Space")
    await page.get_by_label("The child's view", exact=True).select_option("obtained")
    await page.get_by_label("The parent's or carer's view", exact=True).select_option(
        "not_possible")
    await page.get_by_role("button", name="Submit audit").focus()
    await page.keyboard.press("Enter")
    await page.wait_for_url(f"{base}/?submitted={audit_id}")
    assert "submitted" in await page.locator(f"#audit-{audit_id} .status").inner_text()
    submitted = (await http.get(f"{base}/audits/{audit_id}", headers=HOQ)).json()
    assert [(a["key"], a["owner_id"], a["due_date"]) for a in submitted["actions"]] == [
        ("a1", auditor, "2026-07-01"), ("a2", worker, "2026-07-15")]

    await _sign_in(page, base, "moderator", auditor.replace("-aud", "-mod"))  # group 2
    await page.goto(f"{base}/moderation?month={month}")
    await page.get_by_role("link", name="Moderate TEST-").click()
    await page.get_by_label("Standard 6: do you agree?").select_option("no")
    await page.get_by_label("Standard 6 moderated grade").select_option("requires_improvement")
    await page.get_by_role("button", name="Record moderation").click()
    assert "needs a rationale" in await page.get_by_role("alert").inner_text()
    assert await page.get_by_label("Standard 6 moderated grade").input_value() == \
        "requires_improvement"
    await page.get_by_label("Standard 6 rationale").fill("Synthetic: oversight not evident")
    await page.get_by_role("button", name="Record moderation").click()
    await page.wait_for_url(f"**/moderation?month={month}&moderated={audit_id}")
    assert "moderated" in await page.locator(f"#audit-{audit_id} .status").inner_text()
    audit = (await http.get(f"{base}/audits/{audit_id}", headers=HOQ)).json()
    assert audit["standards"][5]["grade"] == "requires_improvement"
    assert audit["moderation"]["agreed_count"] == 6
