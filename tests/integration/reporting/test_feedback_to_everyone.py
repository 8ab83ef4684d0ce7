"""Feedback to everyone (issue 13) on the real Kafka and store: a quarter's complaints and
feedback sent through feedback ingestion's API reach reporting's projection; the biannual
staff briefing sheet is built from them (its figures, the head of quality's lessons, its PDF
holding both and no name, case reference or what anyone wrote), and the quarterly customer
feedback summary is the leadership team's with each team beside it, and each team's own."""

from __future__ import annotations

import random

import httpx

from services.feedback_ingestion.bootstrap import build_app as build_feedback_ingestion
from services.feedback_ingestion.settings import FeedbackIngestionSettings
from tests.support.auth import bearer
from tests.support.factories import uid
from tests.support.kafka import start_group_at_end
from tests.support.pdf import pdf_text
from tests.support.waiting import eventually

from .conftest import running_reporting

NAMES = ("Fictional Worker Zed", "Fictional Parent Quill", "Fictional Child Pip")


async def send_quarter(http: httpx.AsyncClient, year: int, team_a: str, team_b: str,
                       case_ref: str) -> list[str]:
    """Four feedback items and two complaints in July to September; their source ids."""
    system = bearer("integration", sub="complaints-system")
    items = [
        {"source": "customer_feedback", "team_id": team_a, "rating": 5,
         "themes": ["communication"], "went_well": f"Synthetic: {NAMES[0]} listened"},
        {"source": "customer_feedback", "team_id": team_b, "rating": 2,
         "themes": ["communication", "timeliness"], "not_so_well": "Synthetic: calls late"},
        {"source": "compliment", "team_id": team_a, "text": f"Synthetic thanks to {NAMES[0]}"},
        {"source": "momo", "team_id": team_b, "case_ref": case_ref, "app": "MOMO",
         "statement_kind": "wellbeing", "text": f"Synthetic: I am {NAMES[2]}"}]
    complaints = [
        {"team_id": team_a, "complainant": "parent_carer", "themes": ["communication"],
         "received_on": f"{year}-07-06", "summary": f"Synthetic: {NAMES[1]} was not told",
         "case_ref": case_ref,
         "stages": [{"stage": 1, "started_on": f"{year}-07-06", "responded_on": f"{year}-07-14",
                     "outcome": "partly_upheld"}]},
        {"team_id": team_b, "complainant": "child", "themes": ["contact"],
         "received_on": f"{year}-08-03",
         "stages": [{"stage": 1, "started_on": f"{year}-08-03", "responded_on": f"{year}-08-10",
                     "outcome": "not_upheld"},
                    {"stage": 2, "started_on": f"{year}-08-12", "responded_on": f"{year}-09-01",
                     "outcome": "upheld"}]}]
    sent = []
    for n, item in enumerate(items):
        body = {"source_id": uid("fb"), "received_on": f"{year}-0{7 + n % 3}-1{n}", **item}
        answer = await http.post("/feedback/items", headers=system, json=body)
        assert answer.status_code == 201, answer.text
        sent.append(body["source_id"])
    for complaint in complaints:
        body = {"source_id": uid("CMP"), **complaint}
        answer = await http.post("/feedback/complaints", headers=system, json=body)
        assert answer.status_code == 201, answer.text
        sent.append(body["source_id"])
    return sent


async def test_a_biannual_briefing_sheet_built_from_a_quarters_complaints_and_feedback():
    # A case reference as councils write them, with its number: a uid's hex part can hold
    # fewer than three digits (1 in about 120), which no rule could tell from a word.
    year, team_a, team_b = random.randint(2200, 9999), uid("team"), uid("team")
    case_ref = f"TEST-CASE-{random.randint(10**7, 10**8 - 1)}"
    half, quarter = f"{year}-H2", f"{year}-Q3"
    settings = FeedbackIngestionSettings(mongo_database=uid("itest_fi").replace("-", "_"),
                                         kafka_group_suffix=uid("-g"), consume_raw_topic=False)
    await start_group_at_end(settings.consumer_group)
    feedback_app = build_feedback_ingestion(settings)
    async with running_reporting() as (_, reporting, _settings), \
            feedback_app.router.lifespan_context(feedback_app):
        transport = httpx.ASGITransport(app=feedback_app)
        async with httpx.AsyncClient(transport=transport, base_url="http://feedback") as http:
            source_ids = await send_quarter(http, year, team_a, team_b, case_ref)
        await feedback_app.state.runtime.store.client.drop_database(settings.database_name)

        worker = bearer("social_worker", sub=uid("sw"))

        async def projected():
            sheet = (await reporting.get("/reports/staff-briefing", params={"half": half},
                                         headers=worker)).json()
            return sheet if (sheet["feedback"], sheet["complaints"]["received"]) == (4, 2) \
                and sheet["complaints"]["responses"] == 3 else None

        sheet = await eventually(projected, timeout=60, what="the quarter in reporting")
        assert sheet["by_source"] == {"compliment": 1, "customer_feedback": 2, "momo": 1}
        assert sheet["compliments"] == 1
        assert sheet["ratings"] == {"rated": 2, "by_rating": {"1": 0, "2": 1, "3": 0, "4": 0,
                                                             "5": 1}, "average": 3.5}
        # The sources' own themes, and those feedback ingestion tagged from the words used
        # ("late" is a delay, "thanks" praise), most frequent first.
        assert sheet["feedback_themes"] == [["communication", 2], ["delay", 1], ["praise", 1],
                                            ["timeliness", 1]]
        assert sheet["complaint_themes"] == [["communication", 1], ["contact", 1]]
        assert sheet["complaints"]["by_stage_reached"] == {"1": 1, "2": 1, "3": 0}
        assert sheet["complaints"]["outcomes_by_stage"] == {
            "1": {"upheld": 0, "partly_upheld": 1, "not_upheld": 1},
            "2": {"upheld": 1, "partly_upheld": 0, "not_upheld": 0},
            "3": {"upheld": 0, "partly_upheld": 0, "not_upheld": 0}}
        assert sheet["lessons"] is None

        # The head of quality publishes the lessons; one that could identify someone is refused.
        hoq = bearer("head_of_quality", sub=uid("hoq"))
        path = f"/reports/staff-briefing/{half}/lessons"
        refused = await reporting.post(path, headers=hoq, json={"lessons": [
            "Synthetic: tell families when a worker changes", f"Synthetic: case {case_ref}"]})
        assert refused.status_code == 422
        assert refused.json()["detail"][0]["loc"] == ["body", "lessons", 1]
        assert (await reporting.post(path, headers=worker, json={"lessons": ["x"]})).status_code == 403
        lessons = ["Synthetic: tell families when a worker changes",
                   "Synthetic: return calls within two working days"]
        published = await reporting.post(path, headers=hoq, json={"lessons": lessons})
        assert published.status_code == 201, published.text

        async def with_lessons():
            found = (await reporting.get("/reports/staff-briefing", params={"half": half},
                                         headers=worker)).json()
            return found if found["lessons"] else None

        assert (await eventually(with_lessons, what="the lessons projected"))["lessons"][
            "lessons"] == lessons

        pdf = await reporting.get("/reports/staff-briefing.pdf", params={"half": half},
                                  headers=worker)
        assert pdf.status_code == 200
        text = pdf_text(pdf.content)
        for expected in (f"Staff briefing sheet, {half}", *lessons, "Compliment", "Communication",
                         "Partly upheld", "Average", "3.5"):
            assert expected in text, expected
        for secret in (*NAMES, case_ref, *source_ids, "Synthetic: calls late"):
            assert secret not in text, secret
        assert (await reporting.get("/reports/staff-briefing", params={"half": half},
                                    headers=bearer("integration"))).status_code == 403

        # The quarter's summary: the leadership team's with each team, and each team's own.
        director = bearer("director", sub=uid("director"))
        whole = (await reporting.get("/reports/feedback-summary", params={"quarter": quarter},
                                     headers=director)).json()
        assert whole["feedback"] == 4 and whole["complaints"]["received"] == 2
        assert {t["team_id"]: (t["feedback"], t["average_rating"], t["compliments"],
                               t["complaints"]) for t in whole["teams"]} == {
            team_a: (2, 5.0, 1, 1), team_b: (2, 2.0, 0, 1)}
        manager_a = bearer("team_manager", sub=uid("tm"), team=team_a)
        own = (await reporting.get("/reports/feedback-summary", params={"quarter": quarter},
                                   headers=manager_a)).json()
        assert (own["team"], own["feedback"], own["compliments"], own["teams"]) == \
            (team_a, 2, 1, None)
        assert own["complaints"]["outcomes_by_stage"]["1"]["partly_upheld"] == 1
        other = await reporting.get("/reports/feedback-summary",
                                    params={"quarter": quarter, "team": team_b},
                                    headers=manager_a)
        assert other.status_code == 403 and "own team" in other.json()["detail"]
        summary_pdf = pdf_text((await reporting.get(
            "/reports/feedback-summary.pdf", params={"quarter": quarter},
            headers=director)).content)
        assert f"Customer feedback summary, {quarter}" in summary_pdf
        for secret in (*NAMES, case_ref, *source_ids):
            assert secret not in summary_pdf, secret
