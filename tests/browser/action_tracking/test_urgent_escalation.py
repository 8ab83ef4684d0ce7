"""A Safety Link nobody acknowledges is escalated to the head of service once the working
hours allowed have passed (the clock is moved, not waited for): the alert appears live on
the head of service's page and leads to the action."""

from __future__ import annotations

from datetime import datetime, timedelta

from playwright.async_api import expect

from services.action_tracking.domain.urgent import action_id_for
from tests.support.accessibility import assert_accessible
from tests.support.action_tracking import publish
from tests.support.action_tracking import tracking  # noqa: F401 - the module's instance
from tests.support.factories import uid
from tests.support.waiting import eventually

from .pages import named_team, sign_in
from .test_urgent_alerts import safety_link


async def test_an_urgent_action_nobody_acknowledges_goes_to_the_head_of_service(
        tracking, page):
    hos = uid("hos")
    ids = await named_team(tracking, hos=hos)
    await sign_in(page, tracking.url, "head_of_service", hos, then="/team")
    await page.locator("#alerts[data-live=connected]").wait_for(state="attached",
                                                                timeout=15_000)
    event = safety_link(ids["team"])
    await publish(event)
    action_id = action_id_for("safety_link", event.item_id, "urgent")
    action = await eventually(lambda: tracking.deps.actions.get(action_id),
                              what="the urgent action")
    await page.locator("#alerts li.safety_link").wait_for(timeout=15_000)
    assert await page.locator("#alerts li.escalated").count() == 0

    tracking.clock.jump_to(datetime.fromisoformat(action["acknowledge_by"])
                           + timedelta(seconds=1))
    escalated = page.locator("#alerts li.escalated")
    await escalated.wait_for(timeout=15_000)
    words = await escalated.inner_text()
    assert "Escalated: urgent action not acknowledged in time" in words
    assert "team Fictional Riverside Team" in words
    assert await escalated.get_by_role("link", name="the action (open)").get_attribute(
        "href") == f"/action/{action_id}"
    await assert_accessible(page, "the head of service's page with an escalation")
    await escalated.get_by_role("link", name="the action (open)").click()
    await expect(page.locator("#owner")).to_have_text("Fictional Manager Birch")
