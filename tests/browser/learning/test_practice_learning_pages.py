"""The practice learning team's pages in headless Chromium (issue 13): an audit outcome in
the queue marked reviewed by keyboard (an empty note refused on its field first), then shown
among those reviewed; the annual reviews, the ASYE programme, a worker's ASYE evidence and
the learning and development programme with a delivered session, each axe-core clean."""

from __future__ import annotations

from datetime import UTC, datetime

from schemas.audit import AuditResultsShared
from schemas.observation import PracticeObservationRecorded
from shared.england_time import england_today
from tests.support.accessibility import assert_accessible
from tests.support.action_tracking import publish, staff
from tests.support.factories import uid, unique_month
from tests.support.learning import known
from tests.support.learning import learning  # noqa: F401 - the module's instance
from tests.support.waiting import eventually

from .test_meeting_pages import sign_in


async def test_the_practice_learning_team_marks_an_audit_outcome_reviewed_by_keyboard(learning, page):
    team, tm, sw, audit_id = uid("team"), uid("tm"), uid("sw"), uid("audit")
    await staff(team=team, people={tm: None, sw: tm}, job_roles={tm: "team_manager"},
                names={sw: "Fictional Worker Robin"})
    await known(learning, team=team, people=[tm, sw])
    await publish(AuditResultsShared(
        audit_id=audit_id, month=unique_month(), team_id=team, social_worker_id=sw,
        line_manager_id=tm, overall_grade="requires_improvement", impact_grade="good",
        shared_at=datetime.now(UTC), case_ref=uid("TEST-CASE"), auditor_ids=[uid("auditor")]))
    item = f"audit-{audit_id}"
    await eventually(lambda: learning.deps.plt_queue.get(item), what="the audit in the queue")

    await sign_in(page, learning.url, "practice_learning_team", "plt-001",
                  next_path="/practice-learning-team")
    await page.wait_for_url("**/practice-learning-team")
    section = page.locator(f"#item-{item}")
    assert "Fictional Worker Robin" in await section.inner_text()
    await assert_accessible(page, "the practice learning team's queue")

    # By keyboard: the note left empty, Tab to the button, Enter: refused on its field.
    note_label = "Review note: what the team takes from it, and what follows"
    await section.get_by_label(note_label).focus()
    await page.keyboard.press("Tab")
    assert await page.evaluate("document.activeElement.textContent") == "Mark reviewed"
    await page.keyboard.press("Enter")
    note = page.locator(f"#item-{item}").get_by_label(note_label)
    await note.wait_for()
    assert await note.get_attribute("aria-invalid") == "true"
    assert await page.locator(f"[id='note-{item}-error']").inner_text() == "Fill this in."
    await assert_accessible(page, "the queue, the note refused")

    await note.focus()
    await page.keyboard.type("Fictional: plans drift; coaching offered to the worker")
    await page.keyboard.press("Tab")
    await page.keyboard.press("Enter")
    await page.get_by_role("status").wait_for()
    assert await page.get_by_role("status").inner_text() == "The item is marked reviewed."
    assert await page.locator(f"#item-{item}").count() == 0
    reviewed = await page.locator(f"#reviewed-{item}").inner_text()
    assert "Fictional: plans drift" in reviewed and "none yet" in reviewed
    await assert_accessible(page, "the queue once reviewed")


async def test_the_annual_review_asye_and_programme_pages_are_accessible(learning, page):
    team, tm, sw = uid("team"), uid("tm"), uid("sw")
    await staff(team=team, people={tm: None, sw: tm}, job_roles={tm: "team_manager"})
    await known(learning, team=team, people=[tm, sw])
    await publish(PracticeObservationRecorded(
        observation_id=uid("obs"), worker_id=sw, observer_id=tm, team_id=team,
        observed_on=england_today(), consent_confirmed=True,
        critique="Fictional: clear and kind", shared_with_practice_learning_team=True))
    await eventually(lambda: learning.deps.practice_observations.of_worker(sw),
                     what="the observation in learning")

    await sign_in(page, learning.url, "principal_social_worker", "psw-001",
                  next_path="/practice-learning-team/annual-reviews")
    await page.wait_for_url("**/annual-reviews")
    assert "not due" in await page.locator(f"#worker-{sw}").inner_text()
    await assert_accessible(page, "annual reviews (read only)")

    await page.goto(f"{learning.url}/asye-programme")
    await page.get_by_label("Worker's staff id").fill(sw)
    await page.get_by_label("ASYE year started on (YYYY-MM-DD)").fill("not a date")
    await page.get_by_role("button", name="Record the ASYE year").press("Enter")
    assert "YYYY-MM-DD" in await page.locator("#started_on-error").inner_text()
    await assert_accessible(page, "the ASYE programme, the date refused")
    await page.get_by_label("ASYE year started on (YYYY-MM-DD)").fill(
        england_today().isoformat())
    await page.get_by_role("button", name="Record the ASYE year").press("Enter")
    await page.get_by_role("status").wait_for()
    await page.locator(f"#asye-{sw} a").click()
    await page.locator("#point-12").wait_for()
    assert "observation" in await page.locator("#evidence").locator("xpath=following-sibling::table").inner_text()
    await assert_accessible(page, "a worker's ASYE evidence")

    await page.goto(f"{learning.url}/learning-and-development")
    await page.get_by_label("Title of the programme item").fill("Fictional: direct work")
    await page.get_by_label("Where it comes from").select_option("good_practice")
    await page.get_by_label("What was found", exact=True).fill("Fictional: outstanding direct work")
    await page.get_by_label("Who it is for").select_option("team")
    await page.get_by_role("button", name="Add to the programme").press("Enter")
    assert "name the team" in await page.locator("#team_id-error").inner_text()
    await assert_accessible(page, "the programme, the team refused")
    await page.get_by_label("Team id (for a team)").fill(team)
    await page.get_by_role("button", name="Add to the programme").press("Enter")
    await page.get_by_label("Session title").fill("Fictional workshop")
    await page.get_by_label("Date (YYYY-MM-DD)").fill(england_today().isoformat())
    await page.get_by_role("button", name="Schedule the session").press("Enter")
    await page.get_by_label("Delivered on (YYYY-MM-DD)").fill(england_today().isoformat())
    await page.get_by_label("Who attended (staff ids, one per line)").fill(sw)
    await page.get_by_role("button", name="Record the session as delivered").press("Enter")
    await page.locator("#results-change").wait_for()
    assert "not known yet" in await page.locator("#results-change").inner_text()
    await assert_accessible(page, "a programme item with a delivered session")
