"""Learning circles and the staff survey in headless Chromium (issue 13): the practice
learning team sees the children proposed from the case list's plans and the schedule, and
records a circle by keyboard (a missing date refused on its field, what was typed kept);
the head of quality sets the survey's questions, a social worker answers by keyboard and
cannot answer again, the director reads the results beside the year before's. axe-core
finds no serious or critical violations on each page."""

from __future__ import annotations

from datetime import timedelta

from schemas.circles import ChildProtectionPlan, ChildProtectionPlansListed
from shared.england_time import england_today
from tests.support.accessibility import assert_accessible
from tests.support.action_tracking import publish, staff
from tests.support.factories import uid
from tests.support.learning import known
from tests.support.learning import learning  # noqa: F401 - the module's instance
from tests.support.waiting import eventually

from .test_meeting_pages import sign_in


async def test_the_practice_learning_team_records_a_circle_by_keyboard(learning, page):
    team, child, month = uid("team"), uid("TEST-CIRCLE"), "9990-01"
    await staff(team=team, people={uid("sw"): None})
    await known(learning, team=team, people=[])
    await publish(ChildProtectionPlansListed(month=month, listed_on=england_today(), plans=[
        ChildProtectionPlan(case_ref=child, team_id=team,
                            plan_start_date=england_today() - timedelta(days=700), plan_number=1)]))
    async def ours_newest():
        newest = await learning.deps.cp_plans.newest()
        return newest and newest["month"] == month

    await eventually(ours_newest, what="the plans in learning")

    await sign_in(page, learning.url, "practice_learning_team", uid("plt"), next_path="/circles")
    await page.wait_for_url("**/circles")
    row = page.locator(f"#proposed-{child}")
    assert "18 months or more" in await row.inner_text()
    await assert_accessible(page, "learning circles")

    await page.get_by_label("Child whose core group met").focus()
    await page.keyboard.press("ArrowDown")  # the first child proposed
    await page.get_by_label("Core group", exact=True).focus()
    await page.keyboard.type("Fictional core group")
    await page.get_by_label("Who came (one a line)").focus()
    await page.keyboard.type("Fictional health visitor")
    await page.get_by_label("What was learned (one point a line)").focus()
    await page.keyboard.type("Fictional: the plan's goals need the family's words")
    await page.get_by_role("button", name="Record the circle").focus()
    await page.keyboard.press("Enter")
    held_on = page.get_by_label("Held on (YYYY-MM-DD)")
    await held_on.wait_for()
    await page.locator("#held_on-error").wait_for()
    assert await held_on.get_attribute("aria-invalid") == "true"
    assert await page.get_by_label("Core group", exact=True).input_value() == "Fictional core group"
    await assert_accessible(page, "learning circles, the date refused")

    await held_on.focus()
    await page.keyboard.type(england_today().isoformat())
    await page.get_by_role("button", name="Record the circle").focus()
    await page.keyboard.press("Enter")
    await page.get_by_role("status").wait_for()
    assert await page.locator(f"#proposed-{child}").count() == 0
    assert "Fictional core group" in await page.locator("table").last.inner_text()


async def test_staff_answer_the_survey_once_and_the_results_sit_beside_last_year(
        learning, page):
    year = 2093
    await sign_in(page, learning.url, "head_of_quality", uid("hoq"),
                  next_path=f"/staff-survey/{year - 1}/questions")
    for y, statements in ((year - 1, "Audits help me reflect"),
                          (year, "Audits help me reflect\nI get feedback I can use")):
        await page.goto(f"{learning.url}/staff-survey/{y}/questions")
        await page.get_by_label("Title").fill(f"Fictional staff survey {y}")
        await page.get_by_label("Statements (one a line)").fill(statements)
        await page.get_by_role("button", name="Set the questions").click()
        await page.get_by_role("status").wait_for()
    await assert_accessible(page, "staff survey questions")

    await sign_in(page, learning.url, "social_worker", uid("sw"),
                  next_path=f"/staff-survey/{year}")
    await page.wait_for_url(f"**/staff-survey/{year}")
    await assert_accessible(page, "staff survey")
    # By keyboard: arrows move along a statement's ratings, Tab to the next statement.
    await page.locator("#q1").focus()
    for _ in range(3):
        await page.keyboard.press("ArrowRight")  # Agree
    await page.keyboard.press("Tab")
    await page.keyboard.press("Space")  # Strongly disagree
    await page.keyboard.press("Tab")
    assert await page.evaluate("document.activeElement.textContent") == "Send my answer"
    await page.keyboard.press("Enter")
    await page.get_by_role("status").wait_for()
    assert await page.locator("#answered").is_visible()

    await sign_in(page, learning.url, "director", uid("dir"),
                  next_path=f"/staff-survey/{year}/results")
    await page.wait_for_url(f"**/staff-survey/{year}/results")
    assert await page.locator("#answer-counts").inner_text() == \
        f"1 answer this year; 0 in {year - 1}."
    first = await page.locator("#result-q1").inner_text()
    assert "4.0" in first and "no answers" in first  # last year's: asked, not answered
    await assert_accessible(page, "staff survey results")
