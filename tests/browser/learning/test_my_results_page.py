"""A social worker's own audit results on learning's /my-results in headless Chromium
(issue 13): the results delivered from `audit.results_shared`, the part completed with them
shown and counted; a reflection left empty refused on its field with the response kept, then
recorded by keyboard; axe-core finds no serious or critical violations, before and after."""

from __future__ import annotations

from datetime import UTC, datetime

from schemas.audit import AuditResultsShared
from tests.support.accessibility import assert_accessible
from tests.support.action_tracking import publish, staff
from tests.support.factories import uid, unique_month
from tests.support.learning import known
from tests.support.learning import learning  # noqa: F401 - the module's instance
from tests.support.waiting import eventually

from .test_meeting_pages import sign_in


async def test_the_worker_reads_their_results_and_reflects_by_keyboard(learning, page):
    team, tm, sw, audit_id = uid("team"), uid("tm"), uid("sw"), uid("audit")
    await staff(team=team, people={tm: None, sw: tm}, job_roles={tm: "team_manager"})
    await known(learning, team=team, people=[tm, sw])
    await publish(AuditResultsShared(
        audit_id=audit_id, month=unique_month(), team_id=team, social_worker_id=sw,
        line_manager_id=tm, overall_grade="good", impact_grade="requires_improvement",
        shared_at=datetime.now(UTC), case_ref=uid("TEST-CASE"), auditor_ids=[uid("auditor")],
        completed_with_caseworker=True))

    async def delivered():
        return await learning.deps.results.get(audit_id)

    await eventually(delivered, what="the results delivered in learning")
    await sign_in(page, learning.url, "social_worker", sw, next_path="/my-results")
    await page.wait_for_url("**/my-results")
    assert await page.locator("#mine-counts").inner_text() == \
        "1 audit, 1 completed partly with me."
    await assert_accessible(page, "my audit results")

    # By keyboard: the response typed, the reflection left empty, Tab on to the button.
    await page.get_by_label("My response to the results").focus()
    await page.keyboard.type("Fictional: I agree with the grades")
    await page.keyboard.press("Tab")
    await page.keyboard.press("Tab")
    assert await page.evaluate("document.activeElement.textContent") == \
        "Record my response and reflection"
    await page.keyboard.press("Enter")
    reflection = page.get_by_label("My reflection: what I take into my practice")
    await reflection.wait_for()
    assert await reflection.get_attribute("aria-invalid") == "true"
    assert await page.get_by_label("My response to the results").input_value() == \
        "Fictional: I agree with the grades"
    await assert_accessible(page, "my audit results, the reflection refused")

    await reflection.focus()
    await page.keyboard.type("Fictional: see the child alone at every visit")
    await page.keyboard.press("Tab")
    await page.keyboard.press("Enter")
    await page.get_by_role("status").wait_for()
    assert await page.get_by_role("status").inner_text() == \
        "Your response and reflection are recorded."
    assert "Fictional: see the child alone at every visit" in \
        await page.locator(f"#result-{audit_id}").inner_text()
    await assert_accessible(page, "my audit results once reflected")
