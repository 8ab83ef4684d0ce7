"""Governance on the real Kafka and store (issue 12): a QA Forum's decisions reaching the
quarterly report to the Joint Leadership Team (JSON, PDF, page), with the action it raised as
action tracking reports it; the quarter exported for the improvement plan as
governance.plan_exported (and a PDF); who may read and export."""

from __future__ import annotations

from datetime import timedelta

import httpx

from schemas import topics
from services.learning.domain.governance import quarter_of
from shared.england_time import england_today
from tests.support.auth import bearer
from tests.support.kafka import TopicTail
from tests.support.pdf import pdf_text
from tests.support.waiting import eventually

from .test_clinic_cycle import a_team
from .test_review_cycle import a_forum, signed

TODAY = england_today()
QUARTER = quarter_of(TODAY)


async def test_a_forums_decisions_reach_the_quarterly_jlt_report(learning, tracking):
    async with httpx.AsyncClient() as http:
        ids = await a_team(learning, tracking)
        chair = ids["hos"]
        hoq = bearer("head_of_quality", sub=chair)
        forum = await a_forum(http, learning, chair, TODAY)
        decision = "Synthetic decision: every team reviews drifting plans monthly"
        await signed(http, f"{learning.url}/meetings/{forum}", hoq, {
            "decisions": [decision],
            "recommendations": ["Synthetic recommendation: refresh plan guidance"],
            "actions": [{"key": "a1", "description": "Synthetic: publish the plan guidance",
                         "owner_id": ids["sw"], "due_date": str(TODAY + timedelta(days=30))}]})
        report_url = f"{learning.url}/governance/jlt-report/{QUARTER}"
        lead_member = bearer("lead_member")

        async def reported():
            body = (await http.get(report_url, headers=lead_member)).json()
            mine = [f for f in body["forums"] if f["meeting_id"] == forum]
            return mine[0] if mine and mine[0]["actions"] else None

        shown = await eventually(reported, what="the Forum and its tracked action in the report")
        assert shown["signed_off"] and shown["decisions"] == [decision]
        assert [(a["description"], a["status"]) for a in shown["actions"]] == [
            ("Synthetic: publish the plan guidance", "open")]
        pdf = await http.get(f"{report_url}.pdf", headers=lead_member)
        assert pdf.status_code == 200 and pdf.headers["content-type"] == "application/pdf"
        assert "every team reviews drifting plans monthly" in pdf_text(pdf.content)
        page = await http.get(f"{learning.url}/jlt/{QUARTER}", headers=lead_member)
        assert page.status_code == 200 and decision in page.text
        assert (await http.get(report_url, headers=bearer("social_worker"))).status_code == 403

        async with TopicTail(topics.LEARNING) as events:
            response = await http.post(f"{learning.url}/governance/exports", headers=hoq,
                                       json={"plan": "improvement_plan", "quarter": QUARTER})
            assert response.status_code == 201, response.text
            export_id = response.json()["_id"]
            exported = await events.wait_for(
                lambda m: m["event_type"] == "governance.plan_exported"
                and m["data"]["export_id"] == export_id)
        items = exported["data"]["items"]
        assert {"source": "qa_forum", "kind": "decision", "text": decision} .items() <= next(
            i for i in items if i["text"] == decision).items()
        assert any(i["kind"] == "action" and i["status"] == "open" for i in items)
        as_pdf = await http.get(f"{learning.url}/governance/exports/{export_id}.pdf",
                                headers=lead_member)
        assert as_pdf.status_code == 200 and "Improvement plan" in pdf_text(as_pdf.content)

        refused = await http.post(f"{learning.url}/governance/exports", headers=hoq,
                                  json={"plan": "a_plan_of_our_own", "quarter": QUARTER})
        assert refused.status_code == 422
        assert refused.json()["detail"][0]["loc"] == ["body", "plan"]
        not_allowed = await http.post(f"{learning.url}/governance/exports", headers=lead_member,
                                      json={"plan": "improvement_plan", "quarter": QUARTER})
        assert not_allowed.status_code == 403
        bad_quarter = await http.get(f"{learning.url}/governance/jlt-report/2026-Q5",
                                     headers=lead_member)
        assert bad_quarter.status_code == 422
