"""In the browser, by labels and the keyboard (issue 12): the head of quality minutes a QA
Forum answering the theme a clinic escalated, and signs it off; a team manager cancels a
planned clinic (a reason is needed, shown next to its field)."""

from __future__ import annotations


import httpx

from shared.england_time import england_today
from tests.support.auth import bearer
from tests.support.factories import uid
from tests.support.learning import directory, known
from tests.support.learning import learning  # noqa: F401 - the module's instance

from .test_meeting_pages import sign_in

TODAY = str(england_today())


async def meeting(http, learning, token, body: dict, held: bool) -> str:
    response = await http.post(f"{learning.url}/meetings", headers=token,
                               json={"title": "Synthetic meeting", "scheduled_for": TODAY, **body})
    assert response.status_code == 201, response.text
    meeting_id = response.json()["_id"]
    if held:
        response = await http.post(f"{learning.url}/meetings/{meeting_id}/held", headers=token,
                                   json={"held_on": TODAY})
        assert response.status_code == 200, response.text
    return meeting_id


async def test_a_forum_answers_an_escalated_theme_and_a_clinic_is_cancelled(learning, page):
    team, tm, hoq = uid("team"), uid("tm"), uid("hoq")
    theme = f"Synthetic theme {uid('t')}"
    await directory(team=team, people={tm: {}, hoq: {}})
    await known(learning, team=team, people=[tm, hoq])
    tm_token, hoq_token = bearer("team_manager", sub=tm), bearer("head_of_quality", sub=hoq)
    async with httpx.AsyncClient() as http:
        clinic = await meeting(http, learning, tm_token, {
            "kind": "performance_clinic", "team_id": team, "chair_id": tm}, held=True)
        url = f"{learning.url}/meetings/{clinic}"
        minutes = {"decisions": ["Synthetic decision"], "clinic": {"escalated_themes": [
            {"theme_id": "t1", "to": "partners", "text": theme}]}}
        assert (await http.put(f"{url}/minutes", headers=tm_token, json=minutes)).status_code == 200
        assert (await http.post(f"{url}/sign-off", headers=tm_token)).status_code == 200
        forum = await meeting(http, learning, hoq_token,
                              {"kind": "qa_forum", "chair_id": hoq}, held=True)
        planned = await meeting(http, learning, tm_token, {
            "kind": "performance_clinic", "team_id": team, "chair_id": tm}, held=False)

    await sign_in(page, learning.url, "head_of_quality", hoq, f"/meeting/{forum}")
    await page.get_by_label("Decisions (one per line)").fill("Synthetic: answer the theme")
    await page.get_by_label(f'Answer to "{theme}"', exact=False).fill(
        "Synthetic answer: guidance to be revised with partners")
    await page.get_by_role("button", name="Save the minutes").press("Enter")
    await page.wait_for_url("**?done=minutes")
    await page.get_by_role("button", name="Sign off the minutes as chair").press("Enter")
    await page.wait_for_url("**?done=sign-off")
    assert await page.locator("#answers li").all_inner_texts() == [
        "Synthetic answer: guidance to be revised with partners"]

    await page.context.clear_cookies()
    await sign_in(page, learning.url, "team_manager", tm, f"/meeting/{planned}")
    await page.get_by_role("button", name="Cancel the meeting").press("Enter")
    assert await page.locator("#reason-error").count() == 1  # next to its field
    assert await page.locator("#reason").get_attribute("aria-invalid") == "true"
    await page.get_by_label("Why it is cancelled").fill("Synthetic: the chair is away")
    await page.get_by_role("button", name="Cancel the meeting").press("Enter")
    await page.wait_for_url("**?done=cancel")
    assert (await page.locator("#state").inner_text()).startswith("cancelled")


async def test_the_jlt_report_page_and_an_export_by_keyboard(learning, page):
    from services.learning.domain.governance import quarter_of

    quarter = quarter_of(england_today())
    await sign_in(page, learning.url, "head_of_quality", uid("hoq"), f"/jlt/{quarter}")
    assert "Quarterly report to the Joint Leadership Team" in await page.locator("h1").inner_text()
    await page.get_by_role("button", name="Export the quarter's findings and actions").press(
        "Enter")
    assert await page.locator("#plan-error").count() == 1  # no plan chosen: said next to it
    await page.get_by_label("Plan to export the quarter for").select_option("partnership_plan")
    await page.get_by_role("button", name="Export the quarter's findings and actions").press(
        "Enter")
    await page.wait_for_url("**?done=export")
    assert "Partnership plan" in await page.locator("#exports").inner_text()
