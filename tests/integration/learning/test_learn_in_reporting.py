"""The Learn stage reaching reporting (issue 13) on the real Kafka and store: an audit's
results shared (one within the framework's two-week window, one after it), a supervision
session in learning that discusses the first, signed off (`supervision.signed_off`), and an
L&D session delivered in learning (`development.session_delivered`, no names); reporting's
briefing (JSON, page, table, PDF) and impact report show them in their Learn section, with
the attending team's audits before the session beside those after. A period with nothing
says so in words."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import httpx

from schemas import topics
from schemas.audit import AuditResultsShared
from shared.months import shift
from tests.integration.reporting.conftest import running_reporting
from tests.support.action_tracking import publish, staff
from tests.support.auth import bearer
from tests.support.events import audit_submitted
from tests.support.factories import uid, unique_month
from tests.support.kafka import TopicTail
from tests.support.learning import known
from tests.support.pdf import pdf_text
from tests.support.waiting import eventually

HOQ = bearer("head_of_quality", sub="hoq-001")


def results(audit_id: str, *, team: str, worker: str, month: str, day: int) -> AuditResultsShared:
    shared_at = datetime.fromisoformat(f"{month}-01T09:00:00+00:00") + timedelta(days=day - 1)
    return AuditResultsShared(audit_id=audit_id, month=month, team_id=team,
                              social_worker_id=worker, overall_grade="good",
                              impact_grade="good", shared_at=shared_at.astimezone(UTC),
                              case_ref=uid("TEST-CASE"), auditor_ids=[uid("auditor")],
                              completed_with_caseworker=True)


async def test_results_supervision_and_a_session_reach_the_briefings_learn_section(learning):
    team, tm, sw = uid("team"), uid("tm"), uid("sw")
    today = learning.clock.now().date()
    month = today.isoformat()[:7]
    in_time, late = uid("audit"), uid("audit")
    async with running_reporting() as (_, reporting, _settings), httpx.AsyncClient(
            base_url=learning.url) as http:
        await staff(team=team, people={tm: None, sw: tm}, job_roles={tm: "team_manager"})
        await known(learning, team=team, people=[tm, sw])
        # The team's audits two months before the session (below good) and one after (good).
        await publish(audit_submitted(month=shift(month, -2), team_id=team,
                                      overall_grade="requires_improvement"),
                      audit_submitted(month=shift(month, 1), team_id=team, overall_grade="good"),
                      # Shared on the 1st (within the 14 days) and on the 21st (after them).
                      results(in_time, team=team, worker=sw, month=month, day=1),
                      results(late, team=team, worker=sw, month=month, day=21))
        await eventually(lambda: learning.deps.results.get(late), what="results in learning")

        manager = bearer("team_manager", sub=tm)
        created = await http.post("/supervisions", headers=manager, json={
            "supervisee_id": sw, "held_on": today.isoformat(),
            "discussed": [{"kind": "audit", "id": in_time}],
            "agreed": ["Synthetic: see the child alone"], "actions": []})
        assert created.status_code == 201, created.text
        signed = await http.post(f"/supervisions/{created.json()['_id']}/sign-off",
                                 headers=manager)
        assert signed.status_code == 200, signed.text

        item = (await http.post("/development/items", headers=HOQ, json={
            "title": "Fictional: planning with pace", "scope": "team", "team_id": team,
            "source": {"kind": "finding", "ref": "findings", "text": "Fictional: drift"}})).json()
        scheduled = await http.post(f"/development/items/{item['_id']}/sessions", headers=HOQ,
                                    json={"title": "Fictional workshop on pace",
                                          "scheduled_for": today.isoformat()})
        session = scheduled.json()["sessions"][0]["session_id"]
        async with TopicTail(topics.LEARNING) as tail:
            delivered = await http.post(
                f"/development/items/{item['_id']}/sessions/{session}/delivered", headers=HOQ,
                json={"delivered_on": today.isoformat(), "attendee_ids": [sw, tm]})
            assert delivered.status_code == 200, delivered.text
            event = await tail.wait_for(
                lambda m: m["event_type"] == "development.session_delivered"
                and m["data"]["session_id"] == session)
        assert event["data"]["attended_team_ids"] == [team] and event["data"]["attendees"] == 2
        assert sw not in str(event) and tm not in str(event)  # who attended stays in learning

        query = {"month": month, "team": team}

        async def learn_section():
            answer = await reporting.get("/reports/monthly-briefing", params=query, headers=HOQ)
            body = answer.json().get("learn") if answer.status_code == 200 else None
            return body if body and body["sessions_delivered"] and \
                body["discussed_in_supervision"] and body["results_shared"] == 2 else None

        learned = await eventually(learn_section, timeout=60, what="the Learn section")
        assert learned["shared_within_expectation"] == 1
        assert learned["completed_with_caseworker"] == 2
        assert learned["discussed_in_supervision"] == 1
        assert learned["supervision_sessions"] == 1
        assert learned["supervision_sessions_by_kind"] == {"worker": 1}
        [row] = learned["sessions"]
        assert (row["session_title"], row["attended_team_ids"], row["attendees"]) == (
            "Fictional workshop on pace", [team], 2)
        assert (row["before"]["audits"], row["before"]["good_or_better_percent"]) == (1, 0)
        assert (row["after"]["audits"], row["after"]["good_or_better_percent"]) == (1, 100)
        assert row["change"] == "better"

        page = await reporting.get("/briefing", params=query,
                                   headers=HOQ | {"Accept": "text/html"})
        assert page.status_code == 200
        assert "2 audits' results shared with the worker, 1 of them within the framework's 14-day" \
            in page.text and "Fictional workshop on pace" in page.text
        table = await reporting.get("/reports/monthly-briefing/tables/sessions.csv",
                                    params=query, headers=HOQ)
        assert "Fictional workshop on pace" in table.text and "Better" in table.text
        pdf = await reporting.get("/reports/monthly-briefing.pdf", params=query, headers=HOQ)
        text = pdf_text(pdf.content)
        assert "Discussed in a supervision session afterwards" in text
        assert "Fictional workshop on pace" in text

        impact = (await reporting.get("/reports/impact", params=query, headers=HOQ)).json()
        assert impact["learn"]["sessions_delivered"] == 1
        assert impact["learn"]["discussed_in_supervision"] == 1
        impact_page = await reporting.get("/impact", params=query,
                                          headers=HOQ | {"Accept": "text/html"})
        assert impact_page.status_code == 200 and 'id="table-sessions"' in impact_page.text

        empty = (await reporting.get("/reports/monthly-briefing",
                                     params={"month": unique_month()}, headers=HOQ)).json()
        assert empty["learn"]["note"].startswith("No audit results were shared")
        assert empty["learn"]["sessions"] == []
