"""An action worked to completion in the browser, by keyboard: progress with evidence,
completion with evidence, sent back by the team manager, completed again, confirmed; the
history by name; no serious accessibility violations on the pages. And a refusal that says
which role is needed, next to the field, with what was typed kept."""

from __future__ import annotations

from datetime import timedelta

from playwright.async_api import expect

from shared.england_time import england_today
from tests.support.accessibility import assert_accessible
from tests.support.action_tracking import tracking  # noqa: F401 - the module's instance

from .pages import named_team, raised, sign_in


async def by_keyboard(page, label: str, *texts: str) -> None:
    """Focus the field, type each text into it and the fields after it (Tab between), then
    Tab to the form's button and press Enter."""
    await page.get_by_label(label, exact=True).focus()
    for n, words in enumerate(texts):
        if n:
            await page.keyboard.press("Tab")
        await page.keyboard.type(words)
    await page.keyboard.press("Tab")
    await page.keyboard.press("Enter")


async def test_an_actions_whole_life_by_keyboard(tracking, page):
    ids = await named_team(tracking)
    action_id = await raised(tracking, ids, england_today() + timedelta(days=10))
    status = page.locator("#status")

    await sign_in(page, tracking.url, "social_worker", ids["sw"], ids["team"])
    await expect(page.get_by_role("link", name="Synthetic: refresh the fictional plan")).to_be_visible()
    await assert_accessible(page, "my actions")
    await page.goto(f"{tracking.url}/action/{action_id}")
    await assert_accessible(page, "the action, as its owner")
    # The owner may not confirm, send back, reassign, reschedule or cancel: not offered.
    for absent in ("Confirm completion", "Send back", "Reassign", "Cancel the action"):
        assert await page.get_by_role("button", name=absent).count() == 0
    await by_keyboard(page, "What has been done so far", "Met the fictional family",
                      "Fictional visit notes")
    await expect(status).to_have_text("in progress", timeout=15_000)
    await by_keyboard(page, "Evidence that it is done", "Fictional plan reviewed and signed")
    await expect(status).to_have_text("completed", timeout=15_000)

    await sign_in(page, tracking.url, "team_manager", ids["tm"], ids["team"], then="/team")
    await page.goto(f"{tracking.url}/action/{action_id}")
    await assert_accessible(page, "the completed action, as the team manager")
    await by_keyboard(page, "Why it is sent back", "The fictional plan lacks a review date")
    await expect(status).to_have_text("in progress", timeout=15_000)

    await sign_in(page, tracking.url, "social_worker", ids["sw"], ids["team"])
    await page.goto(f"{tracking.url}/action/{action_id}")
    await by_keyboard(page, "Evidence that it is done", "Review date added to the fictional plan")
    await expect(status).to_have_text("completed", timeout=15_000)

    await sign_in(page, tracking.url, "team_manager", ids["tm"], ids["team"], then="/team")
    await page.goto(f"{tracking.url}/action/{action_id}")
    await by_keyboard(page, "Note for the record (optional)", "Checked with the worker")
    await expect(status).to_have_text("confirmed", timeout=15_000)

    rows = [await r.inner_text() for r in await page.locator("#history tbody tr").all()]
    assert [r.split("\t")[2] for r in rows] == [
        "raised", "recorded progress", "completed", "sent back", "completed",
        "confirmed completion"]
    assert "Fictional Worker Ash" in rows[1] and "Fictional visit notes" in rows[1]
    assert "Fictional Manager Birch" in rows[3] and "lacks a review date" in rows[3]
    assert "Fictional Manager Birch" in rows[5]
    assert ids["sw"] not in "".join(rows) and ids["tm"] not in "".join(rows)  # names, not ids
    await assert_accessible(page, "the confirmed action")


async def test_a_manager_reassigns_by_name_and_agrees_a_new_date(tracking, page):
    ids = await named_team(tracking)
    due = england_today() + timedelta(days=7)
    action_id = await raised(tracking, ids, due)
    await sign_in(page, tracking.url, "team_manager", ids["tm"], ids["team"], then="/team")
    await page.goto(f"{tracking.url}/action/{action_id}")
    await page.get_by_label("New owner").select_option(label="Fictional Worker Cedar")
    await page.get_by_label("Reason for reassigning (optional)").fill("Fictional leave cover")
    await page.get_by_role("button", name="Reassign").click()
    await expect(page.locator("#owner")).to_have_text("Fictional Worker Cedar", timeout=15_000)

    # An impossible date is refused next to its field, what was typed kept.
    await page.get_by_label("New due date (dd/mm/yyyy)").fill("31/02/2027")
    await page.get_by_label("Why the new date was agreed").fill("Fictional court date moved")
    await page.get_by_role("button", name="Agree new due date").click()
    await expect(page.locator("#due_date-error")).to_have_text(
        "31/02/2027 is not a date: write it as dd/mm/yyyy")
    assert await page.get_by_label("Why the new date was agreed").input_value() == \
        "Fictional court date moved"
    await assert_accessible(page, "the action with a refused date")

    later = due + timedelta(days=14)
    await page.get_by_label("New due date (dd/mm/yyyy)").fill(later.strftime("%d/%m/%Y"))
    await page.get_by_role("button", name="Agree new due date").click()
    await expect(page.locator("#due")).to_have_text(f"{later} (originally {due})",
                                                    timeout=15_000)
    history = await page.locator("#history").inner_text()
    assert "from Fictional Worker Ash to Fictional Worker Cedar" in history
    assert f"from {due} to {later}: Fictional court date moved" in history


async def test_a_refusal_says_which_role_is_needed_and_keeps_what_was_typed(tracking, page):
    ids = await named_team(tracking)
    action_id = await raised(tracking, ids, england_today() + timedelta(days=10))
    await sign_in(page, tracking.url, "social_worker", ids["sw"], ids["team"])
    await page.goto(f"{tracking.url}/action/{action_id}")
    await page.get_by_label("What has been done so far").fill("Fictional note typed at length")

    # Meanwhile the team manager gives the action to someone else, in another browser.
    other = await page.context.browser.new_context()
    manager = await other.new_page()
    await sign_in(manager, tracking.url, "team_manager", ids["tm"], ids["team"], then="/team")
    await manager.goto(f"{tracking.url}/action/{action_id}")
    await manager.get_by_label("New owner").select_option(label="Fictional Worker Cedar")
    await manager.get_by_role("button", name="Reassign").click()
    await expect(manager.locator("#owner")).to_have_text("Fictional Worker Cedar",
                                                         timeout=15_000)
    await other.close()

    async with page.expect_response(lambda r: r.request.method == "POST") as answer:
        await page.get_by_role("button", name="Record progress").click()
    assert (await answer.value).status == 403
    message = page.locator("#progress_note-error")
    await expect(message).to_have_text(
        "Only the action's owner or a team manager, head of service or head of quality may "
        "record progress on this action.")
    field = page.get_by_label("What has been done so far")
    assert await field.input_value() == "Fictional note typed at length"
    assert await field.get_attribute("aria-describedby") == "progress_note-error"
    await assert_accessible(page, "the refused form")
