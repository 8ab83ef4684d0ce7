"""Reports open on the latest month that has data (not a future one, not an empty "now");
an empty period says so in words and draws no chart; PDFs carry the page's charts (real
broker and store, reporting with a database of its own)."""

from __future__ import annotations

import re

from tests.support.auth import bearer
from tests.support.factories import uid
from tests.support.pdf import pdf_text
from tests.support.reporting_scenario import month_of_events

from .conftest import publish_all

DIRECTOR = bearer("director")
PAST, FUTURE, EMPTY = "2025-03", "2099-01", "2024-01"


async def test_reports_open_on_the_latest_month_with_data_and_say_when_empty(reporting):
    app, client, _ = reporting
    await publish_all(app, [*month_of_events(PAST, uid("team"), "Theme"),
                            *month_of_events(FUTURE, uid("team"), "Theme")])

    opened = await client.get("/briefing", headers=DIRECTOR)
    assert opened.status_code == 200
    assert re.search(rf"<h1[^>]*>\s*Monthly briefing:? {PAST}", opened.text), opened.text[:600]
    assert opened.text.count("<svg") == 3
    home = await client.get("/", headers=DIRECTOR)
    assert f"month={PAST}" in home.text

    empty = await client.get("/briefing", params={"month": EMPTY}, headers=DIRECTOR)
    assert empty.status_code == 200 and "<svg" not in empty.text
    assert "No facts recorded for this month yet" in empty.text
    assert "No audits completed in this period yet, so there is no grade chart." in empty.text

    with_charts = await client.get("/reports/monthly-briefing.pdf", params={"month": PAST},
                                   headers=DIRECTOR)
    assert f"Grades, {PAST}" in pdf_text(with_charts.content)  # the chart's title, drawn
    without = await client.get("/reports/monthly-briefing.pdf", params={"month": EMPTY},
                               headers=DIRECTOR)
    assert f"Grades, {EMPTY}" not in pdf_text(without.content)
