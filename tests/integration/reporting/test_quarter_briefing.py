"""The briefing for a quarter: its three months' figures added together."""

from __future__ import annotations

import csv
import io
import random

from tests.support.auth import bearer
from tests.support.factories import uid
from tests.support.reporting_scenario import EXPECTED, month_of_events, subset_matches
from tests.support.waiting import eventually

from .conftest import publish_all

DIRECTOR = bearer("director")
TWICE = {  # two months of the scenario in one quarter (the third month has nothing)
    "audits": {"allocated": 4, "completed": 6, "on_time": 4, "child_seen_alone": 4,
               "moderated": 4, "signed_off": 0,
               "overall_grades": {"good": 2, "requires_improvement": 2, "inadequate": 2},
               "submitted_overall_grades": {"good": 4, "inadequate": 2}},
    "moderation": {"planned_sample": 4, "moderated": 4, "overall_agreed": 2,
                   "agreement_percent": 50.0, "grade_changes": 2, "grades_lowered": 2},
    "actions": {"raised": 4, "overdue": 2, "overdue_now": 2, "completed": 2,
                "completed_in_time": 2},
    "complaints": {"received": 2, "responded": 2, "within_timescale": 2,
                   "stage2_past_65_working_days": 2, "by_stage": {"2": 2}},
    "feedback": {"compliments": 4, "momo_statements": 2, "safety_link_alerts": 2},
    "observations": {"done": 4, "by_kind": {"practice": 2, "meeting": 2}},
}


async def test_a_quarter_adds_up_its_months(reporting):
    app, client, _ = reporting
    year, team, theme = random.randint(2200, 9999), uid("team"), uid("theme")
    january, february = f"{year}-01", f"{year}-02"
    await publish_all(app, month_of_events(january, team, theme)
                      + month_of_events(february, team, theme))
    params = {"quarter": f"{year}-Q1", "team": team}

    async def added_up():
        body = (await client.get("/reports/monthly-briefing", params=params,
                                 headers=DIRECTOR)).json()
        return body if not subset_matches(body, TWICE) else None

    quarter = await eventually(added_up, what="the quarter's figures")
    assert quarter["quarter"] == f"{year}-Q1" and quarter["months"] == [
        january, february, f"{year}-03"]
    assert quarter["signoff"] is None and not quarter["empty"]
    one_month = (await client.get("/reports/monthly-briefing", headers=DIRECTOR,
                                  params={"month": february, "team": team})).json()
    # The month alone is unchanged, but for what is open now across the team's months.
    assert subset_matches(one_month, EXPECTED) == [
        "actions.overdue_now: 2 != 1", "complaints.stage2_past_65_working_days: 2 != 1"]

    page = await client.get("/briefing", params=params, headers=DIRECTOR)
    assert page.status_code == 200 and "Quarterly briefing: " in page.text
    assert 'id="audits-completed">6<' in page.text and page.text.count("<svg") == 3
    assert f"from_month={january}&amp;month={year}-03" in page.text
    grades = await client.get("/reports/monthly-briefing/tables/grades.csv", params=params,
                              headers=DIRECTOR)
    assert grades.headers["content-disposition"].endswith(f'briefing-{year}-Q1-grades.csv"')
    rows = list(csv.reader(io.StringIO(grades.content.decode("utf-8-sig"))))
    assert rows[1] == ["Overall", "0", "2", "2", "2"]  # as moderated
    pdf = await client.get("/reports/monthly-briefing.pdf", params=params, headers=DIRECTOR)
    assert pdf.content[:5] == b"%PDF-"

    empty = (await client.get("/reports/monthly-briefing", headers=DIRECTOR,
                              params={"quarter": f"{year}-Q2", "team": team})).json()
    assert empty["empty"] and empty["audits"]["completed"] == 0 and "quarter" in empty["note"]


async def test_unknown_quarters_are_refused(reporting):
    _, client, _ = reporting
    bad = await client.get("/reports/monthly-briefing", params={"quarter": "2026-Q5"},
                           headers=DIRECTOR)
    assert bad.status_code == 422 and bad.json()["detail"][0]["loc"] == ["query", "quarter"]
    both = await client.get("/reports/monthly-briefing", headers=DIRECTOR,
                            params={"quarter": "2026-Q1", "month": "2026-01"})
    assert both.status_code == 422 and "either month" in both.json()["detail"][0]["msg"]
    neither = await client.get("/reports/monthly-briefing", headers=DIRECTOR)
    assert neither.status_code == 422
    page = await client.get("/briefing", params={"quarter": "2026-Q5"}, headers=DIRECTOR)
    assert page.status_code == 422 and 'id="filter-error"' in page.text
    assert "Quarter must be written like 2026-Q3" in page.text
    team = await client.get("/briefing", params={"month": "2026-01", "team": "nope"},
                            headers=DIRECTOR)
    assert team.status_code == 422 and "unknown team" in team.text
