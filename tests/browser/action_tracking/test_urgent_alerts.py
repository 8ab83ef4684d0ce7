"""A MOMO Safety Link becomes an urgent action owned by the child's team manager: the alert
appears live on their page saying what happened, when, for which team (by name) and which
case, links to the action and the statement, and is acknowledged from the alert in one
click."""

from __future__ import annotations

from datetime import UTC, datetime

from playwright.async_api import expect

from schemas.feedback import SafetyLinkTriggered
from services.action_tracking.domain.urgent import action_id_for
from shared.england_time import england_today
from tests.support.accessibility import assert_accessible
from tests.support.action_tracking import publish
from tests.support.action_tracking import tracking  # noqa: F401 - the module's instance
from tests.support.factories import uid

from .pages import named_team, sign_in


def safety_link(team: str) -> SafetyLinkTriggered:
    return SafetyLinkTriggered(item_id=uid("momo"), source_id=uid("src"),
                               case_ref="FICTIONAL-CASE-0042", team_id=team,
                               received_on=england_today(), received_at=datetime.now(UTC))


async def test_a_safety_link_becomes_an_urgent_action_acknowledged_from_the_alert(
        tracking, page):
    ids = await named_team(tracking)
    await sign_in(page, tracking.url, "team_manager", ids["tm"], ids["team"])
    await page.locator("#alerts[data-live=connected]").wait_for(state="attached",
                                                                timeout=15_000)
    event = safety_link(ids["team"])
    await publish(event)

    alert = page.locator("#alerts li.safety_link")
    await alert.wait_for(timeout=15_000)  # live, over server-sent events
    words = await alert.inner_text()
    assert "A child used the MOMO Safety Link" in words
    assert "team Fictional Riverside Team" in words and "case FICTIONAL-CASE-0042" in words
    assert "owner Fictional Manager Birch" in words
    action_id = action_id_for("safety_link", event.item_id, "urgent")
    assert await alert.get_by_role("link", name="the action (open)").get_attribute(
        "href") == f"/action/{action_id}"
    assert (await alert.get_by_role("link", name="the Safety Link statement").get_attribute(
        "href")).endswith(f"/statements/{event.item_id}")
    await assert_accessible(page, "my actions with an urgent alert")

    await alert.get_by_role("button", name="Acknowledge").focus()  # one key press
    await page.keyboard.press("Enter")
    await expect(page.locator("#alerts li.safety_link").get_by_role(
        "link", name="the action (in progress)")).to_be_visible(timeout=15_000)
    assert await page.locator("#alerts li.safety_link").get_by_role(
        "button", name="Acknowledge").count() == 0
    # The urgent action is in my actions, and its history says who acknowledged it.
    assert await page.locator("#alerts li").count() == 1  # no due-soon noise beside it
    await page.locator("#alerts li.safety_link").get_by_role(
        "link", name="the action (in progress)").click()
    await expect(page.locator("#status")).to_have_text("in progress")
    history = await page.locator("#history").inner_text()
    assert "acknowledged" in history and "Fictional Manager Birch" in history
    await assert_accessible(page, "the urgent action")
