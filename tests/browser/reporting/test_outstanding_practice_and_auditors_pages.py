"""Reporting's moderation-outcome pages in headless Chromium (issue 12): the head of quality
filters the register of outstanding practice by keyboard and finds the good practice a
moderator acknowledged; the principal social worker opens the auditors' competency records
and, by keyboard, one auditor's; the auditor opens their own record from /my-audit-record
and chooses the months by keyboard. axe-core finds no serious or critical violations."""

from __future__ import annotations

from tests.e2e.reporting.test_moderation_reaches_the_briefing import submitted_audit
from tests.support.accessibility import assert_accessible
from tests.support.auth import bearer
from tests.support.factories import uid, unique_month
from tests.support.waiting import eventually

from .test_briefing_charts import sign_in

NOTE = "Fictional: the chronology the family helped write."


async def moderated_with_good_practice(services, http, p: str, month: str) -> str:
    """-g1's audit moderated by -g2 with good practice, a learning need and judgements,
    through audit capture's form; waits until reporting's register has it."""
    audits, reporting = services.url("audit_capture"), services.url("reporting")
    audit_id, _ = await submitted_audit(http, audits, p, month)
    form = {f"std{n}_agree": "yes" for n in range(1, 7)} | {
        "overall_agree": "yes", "good_practice": "on", "good_practice_note": NOTE,
        "need_evidence": "on", "evidence_quality": "weak", "timeliness": "sound"}
    moderated = await http.post(f"{audits}/audits/{audit_id}/moderate", data=form,
                                headers=bearer("moderator", sub=f"{p}-g2"))
    assert moderated.status_code == 303, moderated.text

    async def registered():
        body = (await http.get(f"{reporting}/reports/outstanding-practice",
                               headers=bearer("head_of_quality"),
                               params={"to_month": month, "team": f"{p}-team"})).json()
        return body.get("total") == 1

    await eventually(registered, what="the good practice in reporting's register")
    return audit_id


async def _show(page) -> None:
    """From the last filter field, Tab to "Show" (past the month field's own parts, month
    and year) and press Enter."""
    await page.get_by_label("Last month (the 12 months ending it)").focus()
    for _ in range(3):
        await page.keyboard.press("Tab")
        if await page.evaluate("document.activeElement.textContent") == "Show":
            break
    assert await page.evaluate("document.activeElement.textContent") == "Show"
    await page.keyboard.press("Enter")


async def test_the_register_and_the_competency_records_by_keyboard(services, http, page):
    base, p, month = services.url("reporting"), uid("op"), unique_month()
    audit_id = await moderated_with_good_practice(services, http, p, month)
    team = f"{p}-team"

    await sign_in(page, base, "head_of_quality", "hoq-register")
    await page.goto(f"{base}/outstanding-practice?to_month={month}")
    await assert_accessible(page, "the register of outstanding practice")
    await page.get_by_label("Team").focus()
    await page.get_by_label("Team").select_option(team)
    await _show(page)
    await page.wait_for_url(f"**/outstanding-practice?team={team}*")
    assert (await page.locator("#register-total").inner_text()).startswith(
        "1 acknowledgement of good practice from ")
    entry = page.locator(f"#register-{month}-{team}")
    assert NOTE in await entry.inner_text() and audit_id not in await entry.inner_text()
    case = entry.get_by_role("link", name=f"Test Worker's case, Fictional Team, {month}")
    assert (await case.get_attribute("href")).endswith(f"/audits/{audit_id}/view")
    await assert_accessible(page, "the register filtered to a team")

    await sign_in(page, base, "principal_social_worker", "psw-records")
    await page.goto(f"{base}/auditors?to_month={month}")
    await assert_accessible(page, "the auditors' competency records")
    row = page.locator(f"#auditor-{p}-g1")
    await row.get_by_role("link").focus()
    await page.keyboard.press("Enter")
    await page.wait_for_url(f"**/auditors/{p}-g1?to_month={month}")
    assert await page.locator("#agreement").inner_text() == \
        "100%: 7 of 7 judgements; the overall grade agreed in 1 of 1"
    assert "Weak 1" in await page.locator("#evidence-quality").inner_text()
    await assert_accessible(page, "an auditor's competency record")

    await sign_in(page, base, "auditor", f"{p}-g1")
    await page.goto(f"{base}/my-audit-record")
    await page.wait_for_url(f"**/auditors/{p}-g1*")
    await page.get_by_label("Last month (the 12 months ending it)").fill(month)
    await _show(page)
    await page.wait_for_url(f"**/auditors/{p}-g1?to_month={month}")
    assert "Your audit competency record" in await page.locator("h1").inner_text()
    assert await page.locator("#good-practice").inner_text() == "1"
    assert "Gathering and recording evidence from the record: named in 1 moderation" in \
        await page.locator("#learning-needs").inner_text()
    await assert_accessible(page, "the auditor's own record")
