"""One deadline engine: actions' due-soon, overdue and escalation in working days, audit
windows cleared by the audit, complaint stages by their (extended) due dates; urgent alerts
passed straight through. Real Kafka and store; "now" moved by the test's clock."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from schemas import topics
from schemas.audit import SafeguardingConcernRaised
from schemas.complaint import ComplaintRecorded, ComplaintStage
from schemas.feedback import SafetyLinkTriggered
from schemas.programme import CaseAllocated
from services.action_tracking.application import deadline_alerts
from services.action_tracking.domain.deadlines import ENGLAND, deadline_id
from shared.england_time import england_today
from shared.workdays import is_working_day
from tests.support.action_tracking import EVERY_ACTION, alerts_on_topic, publish, staff
from tests.support.events import audit_submitted
from tests.support.factories import uid
from tests.support.kafka import TopicTail
from tests.support.waiting import eventually

SECOND = timedelta(seconds=1)


def quiet_tuesday() -> date:
    """A Tuesday at least six weeks ahead with working days all around it."""
    day = england_today() + timedelta(days=42)
    while not (day.weekday() == 1 and all(is_working_day(day + timedelta(n))
                                          for n in (-4, -1, 0, 1, 2, 3))):
        day += timedelta(days=1)
    return day


def local(day: date, hour: int = 0) -> datetime:
    return datetime(day.year, day.month, day.day, hour, tzinfo=ENGLAND)


async def registered(tracking, about: str, about_id: str) -> dict:
    collection = tracking.deps.deadlines.collection
    return await eventually(lambda: collection.find_one({"_id": deadline_id(about, about_id)}),
                            what=f"{about} deadline registered")


async def kinds_after_jump(tracking, tail, about_id: str, moment: datetime, expected: list[str]):
    tracking.clock.jump_to(moment)

    async def seen():
        kinds = [m["data"]["kind"] for m in await alerts_on_topic(tail, about_id)]
        return kinds if kinds == expected else None

    return await eventually(seen, what=f"alerts {expected}")


async def test_due_soon_overdue_and_escalation_count_working_days(tracking):
    due = quiet_tuesday()
    team, hos = uid("team"), uid("hos")
    await staff(team=team, head_of_service=hos, people={})
    audit = audit_submitted(team_id=team, actions=1)
    audit.actions[0].due_date = due
    action_id = None
    async with TopicTail(topics.ALERT) as tail:
        await publish(audit)
        found = await eventually(lambda: tracking.deps.actions.matching(EVERY_ACTION, origin_id=audit.audit_id),
                                 what="the action")
        action_id = found[0]["_id"]
        await registered(tracking, "action", action_id)
        friday = due - timedelta(days=4)  # two working days before Tuesday, over the weekend
        tracking.clock.jump_to(local(friday) - SECOND)
        await deadline_alerts.raise_due(tracking.deps)
        assert await alerts_on_topic(tail, action_id) == []
        await kinds_after_jump(tracking, tail, action_id, local(friday) + SECOND, ["due_soon"])
        await kinds_after_jump(tracking, tail, action_id, local(due + timedelta(1)) + SECOND,
                               ["due_soon", "overdue"])
        saturday = due + timedelta(days=4)  # three working days overdue: end of Friday
        tracking.clock.jump_to(local(saturday) - SECOND)
        await deadline_alerts.raise_due(tracking.deps)
        assert len(await alerts_on_topic(tail, action_id)) == 2
        alerts = await kinds_after_jump(tracking, tail, action_id, local(saturday) + SECOND,
                                        ["due_soon", "overdue", "escalated"])
        messages = await alerts_on_topic(tail, action_id)
    escalated = messages[2]["data"]
    assert alerts == ["due_soon", "overdue", "escalated"]
    assert escalated["escalated_to"] == hos and escalated["urgent"] is True
    assert escalated["working_days_overdue"] == 3 and escalated["team_id"] == team
    assert messages[1]["data"]["owner_id"] == audit.actions[0].owner_id


async def test_audit_windows_close_when_the_audit_arrives(tracking):
    deadline = quiet_tuesday() + timedelta(days=7)
    month = f"{deadline:%Y-%m}"
    submitted, missed, by_allocation = uid("alloc"), uid("alloc"), uid("alloc")
    audit = audit_submitted(month=month)
    # Another audit naming its allocation (audit_capture sends allocation_id when it has one).
    other = audit_submitted(month=month).model_copy(update={"allocation_id": by_allocation})
    allocations = [
        CaseAllocated(allocation_id=submitted, month=month, case_ref=audit.case_ref,
                      team_id=audit.team_id, auditor_ids=audit.auditor_ids,
                      window_starts_on=deadline - timedelta(days=20), deadline=deadline),
        CaseAllocated(allocation_id=missed, month=month, case_ref=uid("TEST-CASE"),
                      team_id=audit.team_id, auditor_ids=[uid("auditor")],
                      window_starts_on=deadline - timedelta(days=20), deadline=deadline),
        CaseAllocated(allocation_id=by_allocation, month=month, case_ref=uid("TEST-CASE"),
                      team_id=audit.team_id, auditor_ids=[uid("auditor")],
                      window_starts_on=deadline - timedelta(days=20), deadline=deadline),
    ]
    async with TopicTail(topics.ALERT) as tail:
        await publish(*allocations)
        await registered(tracking, "audit_window", missed)
        first = await registered(tracking, "audit_window", submitted)
        third = await registered(tracking, "audit_window", by_allocation)
        await publish(audit, other)
        collection = tracking.deps.deadlines.collection
        for window in (first, third):
            await eventually(lambda: collection.find_one({"_id": window["_id"], "open": False}),
                             what="the submitted audits' windows closed")
        await kinds_after_jump(tracking, tail, missed, local(deadline + timedelta(1)) + SECOND,
                               ["overdue"])
        assert await alerts_on_topic(tail, submitted) == []
        assert await alerts_on_topic(tail, by_allocation) == []


async def test_complaint_stages_fall_due_on_their_extended_dates(tracking):
    base = quiet_tuesday() + timedelta(days=14)
    complaint = ComplaintRecorded(
        complaint_id=uid("complaint"), source_id=uid("src"), received_on=base - timedelta(30),
        complainant="parent_carer", team_id=uid("team"), stages=[
            ComplaintStage(stage=1, started_on=base - timedelta(30), due_on=base - timedelta(20),
                           responded_on=base - timedelta(21), outcome="not_upheld"),
            ComplaintStage(stage=2, started_on=base - timedelta(19), due_on=base,
                           extended_due_on=base + timedelta(7))])
    stage2 = f"{complaint.complaint_id}-stage-2"
    async with TopicTail(topics.ALERT) as tail:
        await publish(complaint)
        await registered(tracking, "complaint_stage", stage2)
        tracking.clock.jump_to(local(base + timedelta(1)) + SECOND)  # the original due date
        await deadline_alerts.raise_due(tracking.deps)
        assert await alerts_on_topic(tail, stage2) == []  # extended: not overdue yet
        await kinds_after_jump(tracking, tail, stage2, local(base + timedelta(4)), ["due_soon"])
        await kinds_after_jump(tracking, tail, stage2, local(base + timedelta(8)) + SECOND,
                               ["due_soon", "overdue"])
        assert await alerts_on_topic(tail, f"{complaint.complaint_id}-stage-1") == []


async def test_safeguarding_and_safety_link_pass_straight_through_once(tracking):
    concern = SafeguardingConcernRaised(
        concern_id=uid("concern"), audit_id=uid("audit"), case_ref=uid("TEST-CASE"),
        team_id=uid("team"), raised_by=uid("auditor"), summary="Synthetic concern",
        raised_at=datetime.now(ENGLAND))
    link = SafetyLinkTriggered(item_id=uid("item"), source_id=uid("momo"),
                               case_ref=uid("TEST-CASE"), team_id=uid("team"),
                               received_on=england_today(), received_at=datetime.now(ENGLAND))
    async with TopicTail(topics.ALERT) as tail:
        await publish(concern, link)
        await publish(concern, link)  # replayed: still one alert each

        async def both():
            a = await alerts_on_topic(tail, concern.concern_id)
            b = await alerts_on_topic(tail, link.item_id)
            return (a, b) if a and b else None

        concern_alerts, link_alerts = await eventually(both, what="both urgent alerts")
        await deadline_alerts.raise_due(tracking.deps)
    # One fact each (the same event id even if the suite's own action_tracking process,
    # with its own store, passes the same concern through too).
    assert {(m["event_id"], m["data"]["kind"]) for m in concern_alerts} == {
        (concern_alerts[0]["event_id"], "safeguarding_concern")}
    assert {(m["event_id"], m["data"]["kind"]) for m in link_alerts} == {
        (link_alerts[0]["event_id"], "safety_link")}
    assert concern_alerts[0]["data"]["urgent"] and link_alerts[0]["data"]["urgent"]
    assert "Synthetic" not in str(concern_alerts[0])  # no free text or case reference
