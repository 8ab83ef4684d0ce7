"""A team manager schedules, holds, minutes and signs off a performance clinic in the
browser, by labels and the keyboard; a refusal shows next to its field. The head of quality
writes a month's findings and an audit group member signs them off."""

from __future__ import annotations


from shared.england_time import england_today
from tests.support.factories import uid, unique_month
from tests.support.learning import directory, known
from tests.support.learning import learning  # noqa: F401 - the module's instance

TODAY = str(england_today())


async def sign_in(page, url: str, role: str, person: str, next_path: str = "/") -> None:
    await page.goto(f"{url}/login?next={next_path}")
    await page.get_by_label("Role").select_option(role)
    await page.get_by_label("Your id in the staff directory").fill(person)
    await page.get_by_role("button", name="Sign in").click()


async def test_a_clinic_from_scheduling_to_signed_minutes(learning, page):
    team, tm, sw = uid("team"), uid("tm"), uid("sw")
    await directory(team=team, people={tm: {}, sw: {"line_manager_id": tm}})
    await known(learning, team=team, people=[tm, sw])
    await sign_in(page, learning.url, "team_manager", tm)
    await page.get_by_label("Kind of meeting").select_option("performance_clinic")
    await page.get_by_label("Title").fill("Synthetic clinic")
    await page.get_by_label("Date (YYYY-MM-DD)").fill(TODAY)
    await page.get_by_label("Team id (a performance clinic is for one team)").fill("no-such-team")
    await page.get_by_label("Chair's staff id (if known)").fill(tm)
    await page.get_by_role("button", name="Schedule the meeting").press("Enter")
    error = page.locator("#team_id-error")
    assert "not in the staff directory" in await error.inner_text()
    assert await page.locator("#team_id").get_attribute("aria-invalid") == "true"
    assert await page.get_by_label("Title").input_value() == "Synthetic clinic"  # kept

    await page.get_by_label("Team id (a performance clinic is for one team)").fill(team)
    await page.get_by_role("button", name="Schedule the meeting").press("Enter")
    await page.wait_for_url(f"{learning.url}/meeting/*")
    await page.get_by_label("Held on (YYYY-MM-DD)").fill(TODAY)
    await page.get_by_label("Who attended (staff ids, one per line)").fill(sw)
    await page.get_by_role("button", name="Record attendance").press("Enter")
    await page.wait_for_url("**?done=held")

    await page.get_by_label("Decisions (one per line)").fill("Synthetic: refresh drifting plans")
    await page.get_by_label("Action 1: what needs to happen").fill("Synthetic: refresh the plans")
    await page.get_by_label("Action 1: owner's staff id").fill(sw)
    await page.get_by_label("Action 1: due by (YYYY-MM-DD)").fill("2099-01-31")
    await page.get_by_label("Priorities agreed (one per line)").fill("Synthetic: fewer drifting plans")
    await page.get_by_role("button", name="Save the minutes").press("Enter")
    await page.wait_for_url("**?done=minutes")
    await page.get_by_role("button", name="Sign off the minutes as chair").press("Enter")
    await page.wait_for_url("**?done=sign-off")
    assert (await page.locator("#state").inner_text()).startswith("signed off")
    assert await page.locator("#decisions li").all_inner_texts() == [
        "Synthetic: refresh drifting plans"]
    assert await page.locator("#priorities li").all_inner_texts() == [
        "Synthetic: fewer drifting plans"]
    assert await page.get_by_label("Why the minutes are corrected").count() == 1


async def test_monthly_findings_written_and_signed_in_the_browser(learning, page):
    team, member = uid("team"), uid("auditor")
    await directory(team=team, people={member: {"audit_group": 2}})
    await known(learning, team=team, people=[member])
    month = unique_month()
    await sign_in(page, learning.url, "head_of_quality", "hoq-001", f"/monthly-findings/{month}")
    await page.get_by_label("Headline themes (one per line)").fill("Synthetic: plans drift")
    await page.get_by_role("button", name="Save the summary").press("Enter")
    await page.wait_for_url("**?done=summary")
    await page.context.clear_cookies()
    await sign_in(page, learning.url, "auditor", member, f"/monthly-findings/{month}")
    await page.get_by_label("Comment").first.check()  # the radio "Comment"
    await page.get_by_role("button", name="Sign off for my audit group").press("Enter")
    assert "say what the group's comment is" in await page.locator("#comment-error").inner_text()
    await page.get_by_label("Comment (needed when commenting)").fill("Synthetic comment")
    await page.get_by_role("button", name="Sign off for my audit group").press("Enter")
    await page.wait_for_url("**?done=sign-off")
    signoffs = await page.locator("#signoffs").inner_text()
    assert "Fictional Person" in signoffs and member not in signoffs  # by name, not id
