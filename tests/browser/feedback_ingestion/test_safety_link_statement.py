"""A child's Safety Link statement, read by the child's team manager from the urgent alert
(issue 11): the alert links to a page in feedback ingestion saying what the child said, when,
which team and which case; a role that may not read it gets the 403 page naming the roles,
and another team's manager is told whose statement it is. All five services as processes on
the real Kafka and store."""

from __future__ import annotations


from playwright.async_api import expect

from shared.england_time import england_today
from tests.support.accessibility import assert_accessible
from tests.support.action_tracking import staff
from tests.support.auth import bearer
from tests.support.factories import feedback_item, uid
from tests.support.waiting import eventually

from ..action_tracking.pages import sign_in

WORDS = "Synthetic statement: I do not feel safe at the fictional house tonight."


async def test_the_team_manager_follows_the_alert_to_the_statement_and_others_are_refused(
        services, page, http):
    team, other_team, tm, other_tm = uid("team"), uid("team"), uid("tm"), uid("tm")
    await staff(team=team, team_name="Fictional Brook Team", people={tm: None},
                names={tm: "Fictional Manager Alder"}, job_roles={tm: "Team manager"})
    await staff(team=other_team, team_name="Fictional Meadow Team", people={other_tm: None},
                names={other_tm: "Fictional Manager Rowan"}, job_roles={other_tm: "Team manager"})
    feedback, tracking = services.url("feedback_ingestion"), services.url("action_tracking")

    async def known_in_both() -> bool:
        """Action tracking chooses the owner, feedback ingestion checks the reader: both
        from their own projection of the directory."""
        statement_home = await http.get(f"{feedback}/", headers=bearer(
            "team_manager", sub=tm, team=team) | {"Accept": "text/html"})
        actions = await http.get(f"{tracking}/", headers=bearer(
            "team_manager", sub=tm, team=team) | {"Accept": "text/html"})
        return all("Fictional Manager Alder" in r.text for r in (statement_home, actions))

    await eventually(known_in_both, what="the team in both services' directories")

    await sign_in(page, tracking, "team_manager", tm, team)
    await page.locator("#alerts[data-live=connected]").wait_for(state="attached",
                                                                timeout=15_000)
    item = feedback_item(source="momo", team_id=team, case_ref="FICTIONAL-CASE-0077",
                         safety_link=True, text=WORDS, received_on=str(england_today()),
                         feelings=["scared", "worried"])
    received = await http.post(f"{feedback}/feedback/items", json=item,
                               headers=bearer("integration"))
    assert received.status_code == 201, received.text
    item_id = received.json()["item_id"]

    alert = page.locator("#alerts li.safety_link")
    await alert.wait_for(timeout=20_000)  # live, over server-sent events
    await alert.get_by_role("link", name="the Safety Link statement").click()
    await page.wait_for_url(f"{feedback}/statements/{item_id}")
    await expect(page.locator("#statement-text")).to_have_text(WORDS)
    assert await page.locator("#team").inner_text() == "Fictional Brook Team"
    assert await page.locator("#case-reference").inner_text() == "FICTIONAL-CASE-0077"
    assert await page.locator("#sent-on").inner_text() == str(england_today())
    assert "Signed in as Fictional Manager Alder" in await page.locator("header").inner_text()
    assert item_id not in await page.locator("main").inner_text()  # the id stays in the URL
    await assert_accessible(page, "the Safety Link statement")

    await sign_in(page, feedback, "director", uid("director"), then="/")
    answer = await page.goto(f"{feedback}/statements/{item_id}")
    assert answer.status == 403
    needed = await page.locator("#needed-roles").inner_text()
    assert "team manager" in needed and "head of service" in needed
    assert WORDS not in await page.content()
    await assert_accessible(page, "the statement refused to a director")

    await sign_in(page, feedback, "team_manager", other_tm, other_team)
    answer = await page.goto(f"{feedback}/statements/{item_id}")
    assert answer.status == 403
    reason = await page.locator("#refusal-reason").inner_text()
    assert "Fictional Brook Team" in reason and "head of service" in reason
    assert WORDS not in await page.content() and "FICTIONAL-CASE-0077" not in await page.content()
