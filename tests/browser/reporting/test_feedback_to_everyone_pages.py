"""The staff briefing sheet and the customer feedback summary in headless Chromium (issue 13),
with reporting in the test on the real Kafka and store: the head of quality writes the
half-year's lessons by keyboard (one that names a case reference refused on its field, what
was typed kept), publishes them, and a social worker reads them on the sheet, which offers
them no form; the director reads the quarter's summary with each team beside it. axe-core
finds no serious or critical violations on each page."""

from __future__ import annotations

import random
import uuid
from datetime import date

from schemas.complaint import ComplaintRecorded, ComplaintStage
from schemas.feedback import FeedbackItemAccepted
from services.reporting.bootstrap import build_app
from services.reporting.settings import ReportingSettings
from tests.integration.reporting.conftest import publish_all
from tests.support.accessibility import assert_accessible
from tests.support.factories import uid
from tests.support.kafka import start_group_at_end
from tests.support.serving import serving
from tests.support.waiting import eventually

from .test_briefing_charts import sign_in


async def test_lessons_published_by_keyboard_and_read_by_all_staff(page):
    year, team = random.randint(2200, 9999), uid("team")
    name = f"rbrowser_{uuid.uuid4().hex[:10]}"
    settings = ReportingSettings(mongo_database=name, kafka_group_suffix=f"-{name}")
    await start_group_at_end(settings.consumer_group)
    app = build_app(settings)
    async with serving(app, "reporting") as served:
        base = served.url
        try:
            on = date(year, 8, 4)
            await publish_all(app, [
                FeedbackItemAccepted(item_id=uid("item"), source="customer_feedback",
                                     source_id=uid("src"), received_on=on, team_id=team,
                                     themes=["communication"], rating=4),
                FeedbackItemAccepted(item_id=uid("item"), source="compliment", source_id=uid("src"),
                                     received_on=on, team_id=team),
                ComplaintRecorded(complaint_id=uid("cmp"), source_id=uid("src"), received_on=on,
                                  complainant="child", team_id=team, themes=["contact"],
                                  stages=[ComplaintStage(stage=1, started_on=on,
                                                         due_on=date(year, 8, 18),
                                                         responded_on=date(year, 8, 11),
                                                         outcome="partly_upheld")])])
            half = f"{year}-H2"
            await sign_in(page, base, "head_of_quality", uid("hoq"))
            await page.goto(f"{base}/staff-briefing?half={half}")
            assert await page.locator("#feedback-count").inner_text() == "2"
            assert await page.locator("#compliments-count").inner_text() == "1"
            assert await page.locator("#published-lessons").inner_text() == \
                "The lessons for this half-year are not yet published."
            await assert_accessible(page, "the staff briefing sheet")

            lessons = page.get_by_label("Lessons from the half-year (one per line; no names, "
                                        "case references or contact details)")
            await lessons.focus()
            await page.keyboard.type("Synthetic: tell children when their worker changes")
            await page.keyboard.press("Enter")
            await page.keyboard.type("Synthetic: see TEST-CASE-0042abc")
            await page.keyboard.press("Tab")
            await page.keyboard.press("Enter")
            await page.locator("#lessons-error").wait_for()
            refusal = await page.locator("#lessons-error").inner_text()
            assert "Line 2 looks like personal data" in refusal
            assert await lessons.get_attribute("aria-invalid") == "true"
            assert "tell children when their worker changes" in await lessons.input_value()
            await assert_accessible(page, "the staff briefing sheet, a lesson refused")

            await lessons.fill("Synthetic: tell children when their worker changes\n"
                               "Synthetic: answer complaints about contact within ten days")
            await lessons.focus()
            await page.keyboard.press("Tab")
            await page.keyboard.press("Enter")
            await page.get_by_role("status").wait_for()

            async def published() -> bool:
                await page.goto(f"{base}/staff-briefing?half={half}")
                return (await page.locator("#published-lessons li").count()) == 2

            await eventually(published, interval=0.3, what="the lessons on the sheet")

            await page.context.clear_cookies()
            await sign_in(page, base, "social_worker", uid("sw"))
            await page.goto(f"{base}/staff-briefing?half={half}")
            assert await page.locator("#published-lessons li").all_inner_texts() == [
                "Synthetic: tell children when their worker changes",
                "Synthetic: answer complaints about contact within ten days"]
            publish = page.get_by_role("button", name="Publish the lessons to all staff")
            assert await publish.count() == 0
            await assert_accessible(page, "the staff briefing sheet, read by a social worker")

            await page.context.clear_cookies()
            await sign_in(page, base, "director", uid("director"))
            await page.goto(f"{base}/feedback-summary?quarter={year}-Q3")
            assert await page.locator("#average-rating").inner_text() == "4.0"
            row = await page.locator("#table-teams tbody tr").first.inner_text()
            assert row.split("\t")[1:] == ["2", "4.0", "1", "1"]
            await assert_accessible(page, "the customer feedback summary")
        finally:
            await app.state.runtime.store.client.drop_database(name)
