"""Reflective supervision in headless Chromium (issue 13), on the real Kafka and store with
learning and action tracking in the test: a team manager chooses a worker, ticks the audit of
the worker's case and an observation of their practice by what they say (no ids typed), writes what was agreed and a next step (a
due date that is not a date refused on its field, the rest kept), records the session by
keyboard and signs it off; action tracking tracks the next step and the session page says
so. The worker reads the session; another worker gets the 403 page saying why. axe-core
finds no serious or critical violations on each page."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from schemas.audit import AuditResultsShared
from schemas.observation import PracticeObservationRecorded
from shared.england_time import england_today
from tests.support.accessibility import assert_accessible
from tests.support.action_tracking import in_directory, publish, staff
from tests.support.action_tracking import tracking  # noqa: F401 - the module's instance
from tests.support.factories import uid, unique_month
from tests.support.learning import known
from tests.support.learning import learning  # noqa: F401 - the module's instance
from tests.support.waiting import eventually

from .test_meeting_pages import sign_in

NAMES = {"tm": "Fictional Manager Tamsin", "sw": "Fictional Worker Wren",
         "other": "Fictional Worker Otto"}


async def test_a_manager_records_and_signs_off_a_session_the_worker_reads_it(
        learning, tracking, page):
    team, tm, sw, other = uid("team"), uid("tm"), uid("sw"), uid("sw")
    audit_id, month, case_ref = uid("audit"), unique_month(), uid("TEST-CASE")
    await staff(team=team, people={tm: None, sw: tm, other: tm},
                names={tm: NAMES["tm"], sw: NAMES["sw"], other: NAMES["other"]},
                job_roles={tm: "team_manager"})
    await known(learning, team=team, people=[tm, sw, other])
    await in_directory(tracking, tm, sw)
    await publish(AuditResultsShared(
        audit_id=audit_id, month=month, team_id=team, social_worker_id=sw, line_manager_id=tm,
        overall_grade="requires_improvement", impact_grade="good", shared_at=datetime.now(UTC),
        case_ref=case_ref, auditor_ids=[uid("auditor")], completed_with_caseworker=True))
    observed_on = england_today() - timedelta(days=3)
    await publish(PracticeObservationRecorded(
        observation_id=uid("obs"), worker_id=sw, observer_id=tm, team_id=team,
        observed_on=observed_on, consent_confirmed=True, summary="Synthetic home visit"))
    await eventually(lambda: learning.deps.results.get(audit_id), what="the results in learning")
    await eventually(lambda: learning.deps.practice_observations.of_worker(sw),
                     what="the observation in learning")

    await sign_in(page, learning.url, "team_manager", tm, next_path="/supervision")
    await page.wait_for_url("**/supervision")
    await assert_accessible(page, "supervision: whom I supervise")
    await page.get_by_label("Who you supervised").select_option(label=NAMES["sw"])
    await page.get_by_role("button", name="Continue to the session form").press("Enter")
    await page.wait_for_url("**/supervision/new?supervisee=*")
    assert await page.get_by_role("heading", level=1).inner_text() == \
        f"Supervision with {NAMES['sw']}"
    assert await page.get_by_label("Held on (YYYY-MM-DD)").input_value() == \
        england_today().isoformat()
    await assert_accessible(page, "the supervision form")

    # By keyboard: the audit ticked by what it says, what was agreed, a next step.
    audit_box = page.get_by_label(f"Audit {month}, case {case_ref}: overall requires improvement")
    await audit_box.focus()
    await page.keyboard.press("Space")
    observation = f"Practice observation (practice), {observed_on.isoformat()}"
    await page.get_by_label(observation).focus()
    await page.keyboard.press("Space")
    await page.get_by_label("What you agreed (one point per line)").focus()
    await page.keyboard.type("Fictional: see the child alone at every visit")
    await page.get_by_label("Next step 1: what needs to happen").focus()
    await page.keyboard.type("Fictional: update the child's plan")
    await page.get_by_label("Next step 1: due by (YYYY-MM-DD)").focus()
    await page.keyboard.type("next week")
    await page.get_by_role("button", name="Record the supervision session").press("Enter")
    due = page.get_by_label("Next step 1: due by (YYYY-MM-DD)")
    await page.locator("#step_1_due_date-error").wait_for()
    assert await due.get_attribute("aria-invalid") == "true"
    assert "YYYY-MM-DD" in await page.locator("#step_1_due_date-error").inner_text()
    assert await audit_box.is_checked()  # what was typed and ticked is kept
    assert await page.get_by_label("Next step 1: what needs to happen").input_value() == \
        "Fictional: update the child's plan"
    await assert_accessible(page, "the supervision form, a next step refused")

    await due.fill((england_today() + timedelta(days=28)).isoformat())
    await page.get_by_role("button", name="Record the supervision session").press("Enter")
    await page.wait_for_url("**/supervision/*?done=recorded")
    session_url = page.url.split("?")[0]
    assert await page.locator("#discussed li").all_inner_texts() == [
        f"Audit {month}, case {case_ref}: overall requires improvement", observation]
    assert (await page.locator("#state").inner_text()).startswith("recorded")
    await page.get_by_role("button", name="Sign off the session").press("Enter")
    await page.wait_for_url("**?done=signed-off")
    assert (await page.locator("#state").inner_text()).startswith("signed off")
    await assert_accessible(page, "the session, signed off")

    async def tracked() -> bool:  # action tracking raised it, and learning heard so
        await page.goto(session_url)
        return "open" == await page.locator("#next-steps tbody td").nth(3).inner_text()

    await eventually(tracked, interval=0.5, what="the next step tracked by action tracking")
    row = await page.locator("#next-steps tbody tr").first.inner_text()
    assert "Fictional: update the child's plan" in row and NAMES["sw"] in row

    # The worker reads their session; another worker is refused, and told why.
    await page.context.clear_cookies()
    await sign_in(page, learning.url, "social_worker", sw, next_path="/supervision")
    await page.wait_for_url("**/supervision")
    await page.locator("#received").locator("xpath=following-sibling::table[1]") \
        .get_by_role("link").first.press("Enter")
    await page.wait_for_url(session_url)
    assert await page.locator("#agreed li").all_inner_texts() == [
        "Fictional: see the child alone at every visit"]
    assert await page.get_by_role("button", name="Sign off the session").count() == 0
    await assert_accessible(page, "the session, read by the worker")

    await page.context.clear_cookies()
    await sign_in(page, learning.url, "social_worker", other, next_path="/supervision")
    await page.wait_for_url("**/supervision")
    answer = await page.goto(session_url)
    assert answer.status == 403
    assert await page.locator("#refusal-reason").inner_text() == \
        "only the two people and those above them read a supervision record"
    assert "Fictional: see the child alone" not in await page.content()
    await assert_accessible(page, "the 403 page")
