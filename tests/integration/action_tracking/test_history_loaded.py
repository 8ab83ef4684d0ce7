"""History loaded afterwards (issue 11), on the real Kafka and store: an audit recorded for
its month raises its actions in that month with no alert for what was already due, and an
admin loading history stamps progress, completion, a new due date and confirmation in the
past, in order; everyone else, a future moment or one before the action's last change is
refused with the reason."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import httpx

from schemas import topics
from services.action_tracking.domain.deadlines import deadline_id
from services.audit_capture.domain.audits import SubmitAudit, submit_audit
from tests.support.action_tracking import alerts_on_topic, in_directory, publish, staff
from tests.support.auth import bearer
from tests.support.factories import audit_command, uid
from tests.support.kafka import TopicTail
from tests.support.waiting import eventually


def history_audit(*, owner: str, team: str, submitted_at: datetime, due: date):
    command = SubmitAudit(**audit_command(
        month=submitted_at.strftime("%Y-%m"), team_id=team, deadline=None,
        actions=0) | {"actions": [{"key": "a1", "description": "Fictional: update the plan",
                                   "owner_id": owner, "due_date": str(due)}]})
    audit, _ = submit_audit(command, audit_id=uid("audit"), submitted_by="demo-auditor",
                            now=submitted_at, recorded_past=True)
    return audit


async def test_history_is_stamped_in_its_months_and_refused_when_it_cannot_be_true(tracking):
    team, owner, manager = uid("team"), uid("sw"), uid("tm")
    await staff(team=team, people={owner: manager, manager: None})
    await in_directory(tracking, owner, manager)
    raised_at = datetime.now(UTC).replace(microsecond=0) - timedelta(days=90)
    due = (raised_at + timedelta(days=30)).date()
    audit = history_audit(owner=owner, team=team, submitted_at=raised_at, due=due)
    as_owner, loading_as_owner = (bearer("social_worker", sub=owner),
                                  bearer("social_worker", "admin", sub=owner))
    loading_as_manager = bearer("team_manager", "admin", sub=manager)
    async with httpx.AsyncClient() as http, TopicTail(topics.ALERT) as alerts:
        await publish(audit)

        async def raised():
            found = (await http.get(f"{tracking.url}/actions", params={"origin_id": audit.audit_id},
                                    headers=bearer("head_of_quality"))).json()
            return found[0] if found else None

        action = await eventually(raised, what="the history audit's action")
        registered = await eventually(lambda: tracking.deps.deadlines.collection.find_one(
            {"_id": deadline_id("action", action["_id"])}), what="the action's deadline")
        path = f"{tracking.url}/actions/{action['_id']}"

        async def post(change: str, body: dict, headers: dict) -> httpx.Response:
            return await http.post(f"{path}/{change}", json=body, headers=headers)

        def at(days: int) -> str:
            return (raised_at + timedelta(days=days)).isoformat()

        not_a_loader = await post("progress", {"note": "Fictional", "at": at(5)}, as_owner)
        future = await post("progress", {"note": "Fictional",
                                         "at": (datetime.now(UTC) + timedelta(hours=2)).isoformat()},
                            loading_as_owner)
        before_raised = await post("progress", {"note": "Fictional", "at": at(-1)},
                                   loading_as_owner)
        progressed = await post("progress", {"note": "Fictional: started", "at": at(5)},
                                loading_as_owner)
        new_date = await post("due-date", {"due_date": str(due + timedelta(days=21)),
                                           "reason": "Fictional: the family was away",
                                           "at": at(20)}, loading_as_manager)
        completed = await post("complete", {"evidence": "Fictional: plan updated",
                                            "at": at(40)}, loading_as_owner)
        confirm_early = await post("confirm", {"at": at(39)}, loading_as_manager)
        confirmed = await post("confirm", {"note": "Fictional", "at": at(45)}, loading_as_manager)
        history = (await http.get(f"{path}/history", headers=bearer("head_of_quality"))).json()
        # Loaded as history, the moments already past are done without an alert (they would
        # be stamped with the day of loading), and nothing reached the topic.
        assert set(registered["done"]) >= {"due_soon", "overdue", "escalated"}
        assert await alerts_on_topic(alerts, action["_id"]) == []
    assert action["raised_at"][:19] == raised_at.isoformat()[:19] and action["recorded_past"]
    assert not_a_loader.status_code == 403 and "admin" in not_a_loader.json()["detail"]
    for refused, words in ((future, "is in the future"), (before_raised, "before the action was "
                                                                          "raised"),
                           (confirm_early, "before the action's last change")):
        assert refused.status_code == 422, refused.text
        problem = refused.json()["detail"][0]
        assert problem["loc"] == ["body", "at"] and words in problem["msg"]
    assert progressed.status_code == 200 and new_date.status_code == 200
    done = completed.json()
    assert done["completed_on"] == (raised_at + timedelta(days=40)).date().isoformat()
    assert done["completed_in_time"] is False  # late against the original, by the agreed date
    assert done["original_due_date"] == str(due) and done["due_date"] == str(due + timedelta(21))
    assert confirmed.json()["status"] == "confirmed"
    assert [(h["change"], h["at"][:10], h.get("recorded_past")) for h in history] == [
        ("raised", raised_at.date().isoformat(), None),
        *[(c, (raised_at + timedelta(days=d)).date().isoformat(), True)
          for c, d in (("progressed", 5), ("due_date_changed", 20), ("completed", 40),
                       ("confirmed", 45))]]
