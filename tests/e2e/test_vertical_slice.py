"""The design end to end: four processes, the real broker and store, through HTTP."""

from __future__ import annotations

from tests.support.auth import bearer
from tests.support.factories import audit_command, feedback_item, unique_month
from tests.support.waiting import eventually

AUDITOR = bearer("auditor", sub="auditor-e2e")
INTEGRATION = bearer("integration")
DIRECTOR = bearer("director")


async def test_audit_action_feedback_and_briefing(services, http):
    month = unique_month()
    command = audit_command(month=month, actions=2, overall_grade="requires_improvement")
    submitted = await http.post(f"{services.url('audit_capture')}/audits", json=command,
                                headers=AUDITOR)
    assert submitted.status_code == 201, submitted.text
    audit_id = submitted.json()["audit_id"]
    assert submitted.json()["published"] is True

    async def actions_raised():
        response = await http.get(f"{services.url('action_tracking')}/actions",
                                  params={"origin_id": audit_id},
                                  headers=bearer("team_manager", team=command["team_id"]))
        return response.json() if len(response.json()) == 2 else None

    actions = await eventually(actions_raised, what="two actions in action tracking")
    assert {a["description"] for a in actions} == {a["description"] for a in command["actions"]}
    assert all(a["status"] == "open" and a["origin"]["kind"] == "audit" for a in actions)

    item = feedback_item(received_on=f"{month}-15", source="momo",
                         case_ref=command["case_ref"], safety_link=True)
    received = await http.post(f"{services.url('feedback_ingestion')}/feedback/items",
                               json=item, headers=INTEGRATION)
    assert received.status_code == 201 and received.json()["outcome"] == "accepted"

    async def briefing_shows_everything():
        response = await http.get(f"{services.url('reporting')}/reports/monthly-briefing",
                                  params={"month": month}, headers=DIRECTOR)
        body = response.json()
        done = (body["audits"]["completed"] == 1
                and body["feedback"]["by_source"] == {"momo": 1}
                and body["feedback"]["safety_link_alerts"] == 1)
        return body if done else None

    briefing = await eventually(briefing_shows_everything, what="briefing shows all facts")
    assert briefing["audits"]["overall_grades"] == {"requires_improvement": 1}
    assert briefing["audits"]["by_standard"]["6"] == {"inadequate": 1}
    assert briefing["audits"]["child_view_obtained"] == 1

    async def reported_actions():
        response = await http.get(f"{services.url('reporting')}/reports/actions",
                                  params={"origin_id": audit_id}, headers=DIRECTOR)
        return response.json() if len(response.json()) == 2 else None

    reported = await eventually(reported_actions, what="reporting shows both actions")
    assert {a["_id"] for a in reported} == {a["_id"] for a in actions}


async def test_the_submitted_audit_reads_back_without_its_outbox(services, http):
    command = audit_command()
    audit_id = (await http.post(f"{services.url('audit_capture')}/audits", json=command,
                                headers=AUDITOR)).json()["audit_id"]
    audit = (await http.get(f"{services.url('audit_capture')}/audits/{audit_id}",
                            headers=bearer("moderator"))).json()
    assert audit["case_ref"] == command["case_ref"] and audit["status"] == "submitted"
    assert "outbox" not in audit
    missing = await http.get(f"{services.url('audit_capture')}/audits/no-such-audit",
                             headers=bearer("moderator"))
    assert missing.status_code == 404
