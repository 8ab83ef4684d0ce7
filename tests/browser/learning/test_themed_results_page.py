"""The month's themed, dip-sample and multi-agency audit results on learning's monthly
findings page in headless Chromium (issue 12): added up per theme and question beside the
summary, which the head of quality then writes by keyboard; no case reference or evidence
on the page; axe-core finds no serious or critical violations, before and after."""

from __future__ import annotations

from tests.integration.learning.test_themed_results import themed
from tests.support.accessibility import assert_accessible
from tests.support.action_tracking import publish
from tests.support.factories import uid, unique_month
from tests.support.learning import learning  # noqa: F401 - the module's instance
from tests.support.waiting import eventually

from .test_meeting_pages import sign_in


async def test_the_themed_results_beside_the_findings(learning, page):
    month, theme, dip = unique_month(), uid("theme"), uid("dip")
    await publish(themed(month, theme, ["yes", "no"], partners=["Fictional Health Trust"]),
                  themed(month, theme, ["partly", "no"], dip=dip),
                  themed(month, theme, ["yes", "not_applicable"], dip=dip))

    async def kept() -> bool:
        from services.learning.application.themed_results import of_month
        return (await of_month(learning.deps, month))["audits"] == 3

    await eventually(kept, what="the themed audits kept by learning")
    await sign_in(page, learning.url, "head_of_quality", "hoq-themed",
                  next_path=f"/monthly-findings/{month}")
    await page.wait_for_url(f"**/monthly-findings/{month}")
    assert await page.locator("#themed-summary").inner_text() == \
        "3 cases audited against a theme: 2 in 1 dip sample, 1 multi-agency."
    table = page.get_by_role("table", name=f"Synthetic theme {theme}: 3 cases, 2 dip-sampled, "
                                           "1 multi-agency")
    rows = [await r.inner_text() for r in await table.locator("tbody tr").all()]
    assert [r.split("\t") for r in rows] == [["q1", "2", "1", "0", "0"],
                                             ["q2", "0", "0", "2", "1"],
                                             ["All questions", "2", "1", "2", "1"]]
    text = await page.locator("main").inner_text()
    assert "TEST-CASE" not in text and "Synthetic evidence" not in text
    await assert_accessible(page, "the monthly findings with themed results")

    # The summary beside them, by keyboard: a line a theme, Tab on to the button, Enter.
    await page.get_by_label("Headline themes (one per line)").focus()
    await page.keyboard.type("Fictional: risk assessments mostly complete")
    await page.keyboard.press("Enter")
    await page.keyboard.type("Fictional: referrals often late")
    await page.keyboard.press("Tab")
    await page.keyboard.type("Fictional: dip sample referrals next month")
    await page.keyboard.press("Tab")
    assert await page.evaluate("document.activeElement.textContent") == "Save the summary"
    await page.keyboard.press("Enter")
    await page.get_by_role("status").wait_for()
    assert await page.get_by_role("status").inner_text() == "Summary saved."
    assert "Fictional: referrals often late" in await page.locator("main").inner_text()
    assert await table.count() == 1  # the themed results still beside it
    await assert_accessible(page, "the monthly findings once summarised")
