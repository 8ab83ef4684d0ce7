"""A manager's page shows an overdue alert the moment it is raised, without reloading; and
a manager confirms a completed action with the keyboard."""

from __future__ import annotations

from datetime import date, timedelta

import httpx
from playwright.async_api import expect

from services.action_tracking.domain.deadlines import deadline_id, due_moment
from shared.england_time import england_today
from tests.support.action_tracking import in_directory, staff
from tests.support.action_tracking import tracking  # noqa: F401 - the module's instance
from tests.support.auth import bearer
from tests.support.factories import uid
from tests.support.waiting import eventually


async def sign_in(page, url: str, role: str, person: str, team: str = "") -> None:
    await page.goto(f"{url}/login?next=/team")
    await page.get_by_label("Role").select_option(role)
    await page.get_by_label("Your id in the staff directory").fill(person)
    await page.get_by_label("Team id (optional)").fill(team)
    await page.get_by_role("button", name="Sign in").click()


async def a_team_with_an_action(tracking, due: date) -> tuple[str, str, str, str]:
    team, owner, manager = uid("team"), uid("sw"), uid("tm")
    await staff(team=team, people={owner: manager, manager: None},
                names={owner: "Fictional Worker Ash", manager: "Fictional Manager Birch"})
    await in_directory(tracking, owner, manager)
    body = {"origin": {"kind": "performance_clinic", "id": uid("clinic")}, "key": "k",
            "description": "Synthetic: refresh the fictional plan", "owner_id": owner,
            "due_date": str(due)}
    async with httpx.AsyncClient() as http:
        response = await http.post(f"{tracking.url}/actions", json=body,
                                   headers=bearer("team_manager", sub=manager))
    assert response.status_code == 201
    return team, owner, manager, response.json()["_id"]


async def test_an_overdue_alert_appears_live_on_the_managers_page(tracking, page):
    due = england_today() + timedelta(days=5)
    team, _, manager, action_id = await a_team_with_an_action(tracking, due)
    await eventually(lambda: tracking.deps.deadlines.collection.find_one(
        {"_id": deadline_id("action", action_id)}), what="the deadline")
    await sign_in(page, tracking.url, "team_manager", manager, team)
    await page.wait_for_url(f"{tracking.url}/team")
    assert await page.locator("h1").inner_text() == "My team's actions"
    assert await page.get_by_role("link", name="Synthetic: refresh the fictional plan").count() == 1
    await page.locator("#alerts[data-live=connected]").wait_for(state="attached", timeout=15_000)

    tracking.clock.jump_to(due_moment(due) + timedelta(milliseconds=5))
    alert = page.locator("#alerts li.overdue")
    await alert.wait_for(timeout=15_000)  # arrives over server-sent events: no reload
    assert "Overdue: action" in await alert.inner_text()
    assert await alert.get_by_role("link").get_attribute("href") == f"/action/{action_id}"

    await page.reload()
    first_row = page.locator("tbody tr").first
    assert "overdue" in await first_row.inner_text()


async def test_a_manager_confirms_a_completed_action_by_keyboard(tracking, page):
    team, owner, manager, action_id = await a_team_with_an_action(
        tracking, england_today() + timedelta(days=9))
    async with httpx.AsyncClient() as http:
        done = await http.post(f"{tracking.url}/actions/{action_id}/complete",
                               json={"evidence": "Fictional evidence of the new plan"},
                               headers=bearer("social_worker", sub=owner))
    assert done.json()["status"] == "completed"
    await sign_in(page, tracking.url, "team_manager", manager, team)
    await page.wait_for_url(f"{tracking.url}/team")
    await page.goto(f"{tracking.url}/action/{action_id}")
    await page.get_by_label("Note for the record (optional)").focus()
    await page.keyboard.type("Checked with the worker")
    await page.keyboard.press("Tab")
    await page.keyboard.press("Enter")
    # The form posts and comes back to this same address, so waiting for the URL would
    # return at once: wait for the new status instead (Playwright retries, bounded).
    await expect(page.locator("#status")).to_have_text("confirmed", timeout=15_000)
    history = await page.locator("table").last.inner_text()
    assert "completed" in history and "confirmed" in history
    assert "Fictional Manager Birch" in history  # who, by name
