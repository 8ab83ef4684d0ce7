"""The briefing page's pictures, the exports, and the head of quality's sign-off."""

from __future__ import annotations

import csv
import io

from openpyxl import load_workbook

from tests.support.auth import bearer
from tests.support.factories import uid, unique_month
from tests.support.reporting_scenario import EXPECTED, month_of_events, subset_matches
from tests.support.waiting import eventually

from .conftest import publish_all

DIRECTOR = bearer("director")


async def test_page_charts_exports_and_sign_off(reporting):
    app, client, _ = reporting
    month, team, theme = unique_month(), uid("team"), uid("theme")
    await publish_all(app, month_of_events(month, team, theme))
    params = {"month": month, "team": team}

    async def complete():
        body = (await client.get("/reports/monthly-briefing", params=params,
                                 headers=DIRECTOR)).json()
        return not subset_matches(body, EXPECTED)

    await eventually(complete, what="projection complete")

    page = await client.get("/briefing", params=params, headers=DIRECTOR)
    assert page.status_code == 200
    assert page.text.count("<svg") == 3 and "pygal-chart" in page.text
    assert 'id="audits-completed">3<' in page.text

    csv_export = await client.get("/reports/monthly-briefing/tables/grades.csv", params=params,
                                  headers=DIRECTOR)
    rows = list(csv.reader(io.StringIO(csv_export.content.decode("utf-8-sig"))))
    assert rows[0][:3] == ["Judgement", "Outstanding", "Good"]
    assert rows[1] == ["Overall", "0", "1", "1", "1"]  # as moderated
    assert rows[-1] == ["Overall as submitted", "0", "2", "0", "1"]

    xlsx = await client.get("/reports/monthly-briefing/tables/trends.xlsx", params=params,
                            headers=DIRECTOR)
    sheet = load_workbook(io.BytesIO(xlsx.content)).active
    assert sheet.cell(row=7, column=1).value == month and sheet.cell(row=7, column=2).value == 3

    drill = await client.get("/reports/facts/audits", headers=DIRECTOR,
                             params={**params, "grade": "inadequate"})
    assert len(drill.json()) == 1 and "case_ref" not in drill.json()[0]
    drill_csv = await client.get("/reports/facts/actions", headers=DIRECTOR,
                                 params={"team": team, "overdue": "true", "fmt": "csv"})
    assert len(drill_csv.content.decode("utf-8-sig").strip().splitlines()) == 2
    denied = await client.get("/reports/facts/audits", headers=bearer("social_worker"))
    assert denied.status_code == 403

    pdf = await client.get("/reports/monthly-briefing.pdf", params=params, headers=DIRECTOR)
    assert pdf.headers["content-type"] == "application/pdf" and pdf.content[:5] == b"%PDF-"

    hoq = bearer("head_of_quality", sub="hoq-test")
    refused = await client.post(f"/reports/monthly-briefing/{month}/sign-off", headers=DIRECTOR,
                                json={"themes": ["x"]})
    assert refused.status_code == 403
    bad = await client.post(f"/reports/monthly-briefing/{month}/sign-off", headers=hoq,
                            json={"themes": [""]})
    assert bad.status_code == 422
    signed = await client.post(f"/reports/monthly-briefing/{month}/sign-off", headers=hoq,
                               json={"themes": ["Synthetic theme: timely visits"],
                                     "commentary": "Fictional commentary."})
    assert signed.status_code == 201 and signed.json()["revision"] == 1

    async def shown():
        body = (await client.get("/reports/monthly-briefing", params={"month": month},
                                 headers=DIRECTOR)).json()
        return body["signoff"]

    signoff = await eventually(shown, what="the sign-off in the briefing")
    assert signoff["signed_off_by"] == "hoq-test"
    assert signoff["themes"] == ["Synthetic theme: timely visits"]
