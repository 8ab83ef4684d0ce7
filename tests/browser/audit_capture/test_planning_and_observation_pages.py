"""The head of quality plans a month, draws its sample and allocates a case through the
pages; an observer records a practice observation, refused without consent (what was typed
kept) and then recorded. Headless Chromium, no JavaScript needed by the pages."""

from __future__ import annotations

from tests.browser.audit_capture.test_audit_and_moderation_pages import _sign_in
from tests.support.auth import bearer
from tests.support.directory import duty_groups, import_staff
from tests.support.factories import uid, unique_month


async def test_the_head_of_quality_plans_samples_and_allocates(services, http, page):
    base = services.url("audit_capture")
    p, month = uid("bp"), unique_month()
    await _sign_in(page, base, "head_of_quality", "hoq-browser")
    await page.get_by_role("link", name="Plan the audit programme").click()
    await page.get_by_label("First month of the programme").fill(month)
    await page.get_by_label("moderation sample size").fill("2")
    await page.get_by_label("Theme for month 1", exact=True).fill("Supervision")
    await page.get_by_role("button", name="Plan the programme").click()
    await page.wait_for_url(f"{base}/planning/{month}?done=planned")
    assert await page.get_by_role("status").inner_text() == "Programme planned."
    assert "Supervision" in await page.get_by_role("heading", level=1).inner_text()
    audit_group, moderation_group = await duty_groups(http, base, month)  # as planned
    staff = ("person_id,display_name,team_id,team_name,job_role,line_manager_id,audit_group\n"
             f"{p}-g1,Test Auditor,{p}-team,Fictional Team,Team manager,,{audit_group}\n"
             f"{p}-g2,Test Moderator,{p}-team,,Team manager,,{moderation_group}\n")
    await import_staff(http, f"{base}/directory/import", staff)

    cases = "case_ref,team_id,category\n" + "".join(
        f"TEST-{p}-{n},{p}-team,{'CP' if n % 2 else 'LAC'}\n" for n in range(1, 5))
    await page.get_by_label("Case list (CSV").fill(cases)
    await page.get_by_role("button", name="Import the case list").click()
    assert await page.get_by_role("status").inner_text() == "Case list imported."
    await page.get_by_label("Sample size").fill("2")
    await page.get_by_label("Seed").fill("11")
    await page.get_by_label("Method").select_option("stratified")
    await page.get_by_role("button", name="Draw the sample").click()
    assert await page.get_by_role("status").inner_text() == "Sample drawn."
    assert await page.locator("#sample tbody tr").count() == 2
    chosen = (await page.locator("#sample tbody tr td").first.inner_text()).strip()

    await page.get_by_label("Case", exact=True).select_option(chosen)
    await page.get_by_label("Auditor (staff id").fill(f"{p}-g2")
    await page.get_by_role("button", name="Allocate the case").click()
    alert = await page.get_by_role("alert").inner_text()
    assert f"{p}-g2 is not in audit group {audit_group}, which audits in {month}" in alert
    assert await page.get_by_label("Auditor (staff id").input_value() == f"{p}-g2"
    assert await page.get_by_label("Case", exact=True).input_value() == chosen
    await page.get_by_label("Auditor (staff id").fill(f"{p}-g1")
    await page.get_by_role("button", name="Allocate the case").focus()
    await page.keyboard.press("Enter")
    await page.wait_for_url(f"{base}/planning/{month}?done=allocated")
    row = await page.locator("#allocations tbody tr").inner_text()
    assert chosen in row and "Test Auditor" in row and "allocated" in row  # by name
    mine = (await http.get(f"{base}/audits/mine", headers=bearer("auditor", sub=f"{p}-g1")))
    assert [a["case_ref"] for a in mine.json()] == [chosen]


async def test_an_observer_is_refused_without_consent_then_records(services, http, page):
    base = services.url("audit_capture")
    observer, worker = uid("tm"), uid("sw")
    await _sign_in(page, base, "team_manager", observer)
    await page.get_by_role("link", name="Record a practice observation").click()
    await page.get_by_label("Worker's staff id").fill(worker)
    await page.get_by_label("Worker's team id").fill(uid("team"))
    await page.get_by_label("Observed on").fill("2026-05-04")
    await page.get_by_label("Kind of observation").select_option("practice")
    await page.get_by_label("Critique", exact=True).fill("Synthetic critique typed by keyboard")
    await page.get_by_role("button", name="Record the observation").click()
    alert = await page.get_by_role("alert").inner_text()
    assert "cannot be recorded without the explicit, informed consent" in alert
    assert await page.get_by_label("Critique", exact=True).input_value() == \
        "Synthetic critique typed by keyboard"
    assert await page.get_by_label("Worker's staff id").input_value() == worker

    consent = page.get_by_label("I confirm the child and family gave explicit")
    await consent.focus()
    await page.keyboard.press("Space")
    assert await consent.is_checked()
    await page.get_by_role("button", name="Record the observation").click()
    await page.wait_for_url(f"{base}/observe/practice?recorded=*")
    assert await page.get_by_role("status").inner_text() == "Observation recorded."
    recorded = (await http.get(f"{base}/observations", params={"kind": "practice"},
                               headers=bearer("director"))).json()
    mine = [o for o in recorded if o["worker_id"] == worker]
    assert len(mine) == 1 and mine[0]["observer_id"] == observer
    assert mine[0]["consent_confirmed"] is True
    assert mine[0]["critique"] == "Synthetic critique typed by keyboard"
