"""Files a spreadsheet opens show text as written: a theme that reads as a formula, sent by
another system, is escaped in CSV and kept as text in Excel; a month before the calendar's
arithmetic (year 0000) is refused with 422, never a 500 (real broker and store)."""

from __future__ import annotations

import csv
import io
from datetime import date

from openpyxl import load_workbook

from schemas.feedback import FeedbackItemAccepted
from tests.support.auth import bearer
from tests.support.factories import uid, unique_month
from tests.support.waiting import eventually

from .conftest import publish_all

DIRECTOR = bearer("director")
FORMULA = '=HYPERLINK("http://fictional.invalid/","Open")'


async def test_a_formula_in_a_theme_is_text_in_csv_and_excel(reporting):
    app, client, _ = reporting
    month, team = unique_month(), uid("team")
    await publish_all(app, [FeedbackItemAccepted(
        item_id=uid("item"), source="compliment", source_id=uid("src"),
        received_on=date.fromisoformat(f"{month}-09"), team_id=team, themes=[FORMULA])])
    params = {"month": month, "team": team}

    async def listed():
        rows = (await client.get("/reports/facts/feedback", params=params,
                                 headers=DIRECTOR)).json()
        return rows if isinstance(rows, list) and rows else None

    await eventually(listed, what="the feedback fact")
    as_csv = await client.get("/reports/facts/feedback", params={**params, "fmt": "csv"},
                              headers=DIRECTOR)
    header, row = list(csv.reader(io.StringIO(as_csv.content.decode("utf-8-sig"))))
    assert row[header.index("themes")] == "'" + FORMULA
    as_xlsx = await client.get("/reports/facts/feedback", params={**params, "fmt": "xlsx"},
                               headers=DIRECTOR)
    sheet = load_workbook(io.BytesIO(as_xlsx.content)).active
    themes = [c for c in sheet[2] if c.value == FORMULA]
    assert len(themes) == 1 and themes[0].data_type == "s"  # shown as text, never run


async def test_a_month_in_year_zero_is_refused_with_its_field(reporting):
    _, client, _ = reporting
    for path, params in [("/reports/monthly-briefing", {"month": "0000-01"}),
                         ("/reports/monthly-briefing.pdf", {"month": "0000-01"}),
                         ("/reports/monthly-briefing", {"quarter": "0000-Q1"}),
                         ("/reports/impact", {"month": "0000-12"})]:
        refused = await client.get(path, params=params, headers=DIRECTOR)
        assert refused.status_code == 422, (path, refused.text)
        assert refused.json()["detail"][0]["loc"][-1] in params, refused.text
