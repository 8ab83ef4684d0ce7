"""Erasure in the browser (issue 14), by keyboard alone: the data protection officer opens
"Erase" from data protection's home, names a child and the reason, reads what will happen
(irreversible, which services) and confirms; the erasure's page shows every service
confirming. A child under a legal hold is refused beside the reference field with the hold's
reason and who set it, nothing erased. Every page axe-clean. Headless Chromium; all six
services as processes on the real Kafka and store."""

from __future__ import annotations

from playwright.async_api import expect

from tests.support.accessibility import assert_accessible
from tests.support.auth import bearer
from tests.support.factories import audit_command, uid

from ..action_tracking.pages import sign_in
from ..audit_capture.test_audit_form_by_keyboard import _choose, _tab_to, _type

SERVICES = ["Action tracking", "Audit capture", "Feedback ingestion", "Learning", "Reporting",
            "Data protection"]  # its own copies: the subject access bundles


async def _audited_child(http, services) -> tuple[str, str]:
    """A child's case reference and the URL of their audit."""
    case_ref = uid("TEST-ERASE-PAGE")
    audit = await http.post(f"{services.url('audit_capture')}/audits",
                            json=audit_command(case_ref=case_ref), headers=bearer("auditor"))
    assert audit.status_code == 201, audit.text
    return case_ref, f"{services.url('audit_capture')}/audits/{audit.json()['audit_id']}"


async def _case_ref_shown(http, audit_url: str) -> str:
    return (await http.get(audit_url, headers=bearer("head_of_quality"))).json()["case_ref"]


async def _ask_to_erase(page, base: str, case_ref: str) -> None:
    await page.goto(f"{base}/")
    await page.get_by_role("link", name="Erase a child's or a member of staff's").focus()
    await page.keyboard.press("Enter")
    await page.wait_for_url(f"{base}/erase")
    await assert_accessible(page, "the erasure form")
    await _choose(page, "kind", "A child")
    await _type(page, "reference", case_ref)
    await _type(page, "reason", "Fictional: the right to erasure, art. 17")
    await page.keyboard.press("Tab")  # to Continue
    await page.keyboard.press("Enter")


async def test_the_officer_erases_a_child_by_keyboard_and_every_service_confirms(
        services, page, http):
    case_ref, audit_url = await _audited_child(http, services)
    base = services.url("data_protection")
    await sign_in(page, base, "data_protection_officer", uid("dpo"))
    await _ask_to_erase(page, base, case_ref)

    await expect(page.get_by_role("heading", name="Confirm the erasure")).to_be_visible()
    await expect(page.get_by_text("This cannot be undone.")).to_be_visible()
    listed = page.get_by_role("list", name="Each of these services will blank")
    await expect(listed.get_by_role("listitem")).to_have_text(SERVICES)
    await assert_accessible(page, "the confirmation step")
    await _tab_to(page, "erase-now")
    await page.keyboard.press("Enter")

    await page.wait_for_url(f"{base}/erasures/*/page")
    await expect(page.get_by_text("Every service has confirmed.")).to_be_visible(timeout=60_000)
    for service in SERVICES:
        row = page.get_by_role("row").filter(has=page.get_by_text(service, exact=True))
        await expect(row.get_by_role("cell").nth(1)).to_contain_text("Confirmed")
    await assert_accessible(page, "the erasure's page")
    assert await _case_ref_shown(http, audit_url) == "[erased]"


async def test_a_child_under_a_legal_hold_is_refused_beside_the_field(services, page, http):
    case_ref, audit_url = await _audited_child(http, services)
    base = services.url("data_protection")
    officer = bearer("data_protection_officer", sub="dpo-fict-holder")
    held = await http.post(f"{base}/legal-holds", headers=officer, json={
        "subject_kind": "child", "subject_ref": case_ref,
        "reason": "Fictional inquiry's order to keep every record"})
    assert held.status_code == 201, held.text
    await sign_in(page, base, "data_protection_officer", uid("dpo"))
    await _ask_to_erase(page, base, case_ref)

    refusal = page.locator("#reference-error")
    await expect(refusal).to_contain_text("Fictional inquiry's order to keep every record")
    await expect(refusal).to_contain_text("dpo-fict-holder")
    await expect(page.get_by_label("Their case reference or staff id")).to_have_value(case_ref)
    await expect(page.get_by_label("Their case reference or staff id")).to_have_attribute(
        "aria-invalid", "true")
    await assert_accessible(page, "the refusal")
    assert await _case_ref_shown(http, audit_url) == case_ref  # nothing was erased
