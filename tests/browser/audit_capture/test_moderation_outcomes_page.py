"""A moderator records a moderation's outcomes by keyboard in headless Chromium (issue 12):
good practice acknowledged with its note, a learning need for the auditor, the evidence and
timeliness judged; a note left out is refused on its field with everything typed kept; no
serious or critical accessibility violations on the form, first or refused."""

from __future__ import annotations

from tests.e2e.reporting.test_moderation_reaches_the_briefing import submitted_audit
from tests.support.accessibility import assert_accessible
from tests.support.auth import bearer
from tests.support.factories import uid, unique_month

from .test_audit_and_moderation_pages import _sign_in

HOQ = bearer("head_of_quality", sub="hoq-browser")


async def test_a_moderator_records_the_outcomes_by_keyboard(services, http, page):
    base, p, month = services.url("audit_capture"), uid("mo"), unique_month()
    audit_id, _ = await submitted_audit(http, base, p, month)
    await _sign_in(page, base, "moderator", f"{p}-g2")
    await page.goto(f"{base}/moderation?month={month}")
    await page.get_by_role("link", name="Moderate TEST-").focus()
    await page.keyboard.press("Enter")
    await page.wait_for_url(f"**/audits/{audit_id}/**")
    await assert_accessible(page, "the moderation form")
    for n in range(1, 7):
        await page.get_by_label(f"Standard {n}: do you agree?").select_option("yes")
    await page.get_by_label("Do you agree with the overall grade?").select_option("yes")

    # The outcomes by keyboard alone: Space ticks a box, arrow keys choose a radio.
    await page.get_by_label("Good practice acknowledged").focus()
    await page.keyboard.press("Space")
    await page.get_by_label("Judging the impact for the child").focus()
    await page.keyboard.press("Space")
    await page.get_by_label("Learning needs: a note for the auditor").focus()
    await page.keyboard.type("Fictional: say what changed for the child.")
    evidence = page.get_by_role("group", name="Quality of the audit's evidence (optional)")
    await evidence.get_by_label("Strong").focus()
    await page.keyboard.press("ArrowDown")  # Sound
    timeliness = page.get_by_role("group", name="Timeliness of the audit (optional)")
    await timeliness.get_by_label("Strong").focus()
    await page.keyboard.press("Space")
    await page.get_by_role("button", name="Record moderation").focus()
    await page.keyboard.press("Enter")

    # Good practice without its note: refused on the note's field, the rest kept.
    alert = page.get_by_role("alert")
    assert "what the good practice was" in (await alert.inner_text()).lower()
    assert await page.locator("#good_practice_note-error").is_visible()
    assert await page.get_by_label("Good practice acknowledged").is_checked()
    assert await page.get_by_label("Judging the impact for the child").is_checked()
    assert await page.get_by_label("Learning needs: a note for the auditor").input_value() == \
        "Fictional: say what changed for the child."
    assert await evidence.get_by_label("Sound").is_checked()
    assert await timeliness.get_by_label("Strong").is_checked()
    await assert_accessible(page, "the refused moderation form")

    await page.get_by_label("What the good practice was (a sentence or two)").focus()
    await page.keyboard.type("Fictional: the child's words shaped the plan.")
    await page.get_by_role("button", name="Record moderation").focus()
    await page.keyboard.press("Enter")
    await page.wait_for_url(f"**/moderation?month={month}&moderated={audit_id}")
    moderation = (await http.get(f"{base}/audits/{audit_id}", headers=HOQ)).json()["moderation"]
    assert moderation["good_practice"] is True
    assert moderation["good_practice_note"] == "Fictional: the child's words shaped the plan."
    assert moderation["learning_needs"] == ["impact"]
    assert (moderation["evidence_quality"], moderation["timeliness"]) == ("sound", "strong")
