"""Due moments, due-soon and escalation in working days (England), and alert ids."""

from datetime import UTC, date, datetime, timedelta

from services.action_tracking.domain.deadlines import (Plan, Rule, alert_id, due_moment,
                                                       moments, working_days_overdue)

RULE = Rule(due_soon_working_days=2, escalate_after_working_days=3)


def test_overdue_at_the_end_of_the_due_day_in_england():
    # 1 July 2027 is in summer time: the day ends at 23:00 UTC.
    assert due_moment(date(2027, 7, 1)) == datetime(2027, 6, 30, 23, tzinfo=UTC) + timedelta(days=1)
    assert due_moment(date(2027, 1, 8)) == datetime(2027, 1, 9, tzinfo=UTC)


def test_due_soon_counts_working_days_back_over_a_weekend():
    # Due Tuesday 12 Jan 2027: two working days before is Friday 8 Jan.
    assert moments(date(2027, 1, 12), RULE)["due_soon"].date() == date(2027, 1, 8)


def test_escalation_counts_working_days_past_a_bank_holiday():
    # Due Thursday 22 Dec 2027; 27 and 28 Dec are bank holidays (Christmas on a Saturday).
    escalate = moments(date(2027, 12, 23), RULE)["escalated"]
    # 24 (Fri), 29 (Wed), 30 (Thu) are the three working days after 23 Dec: ends 30 Dec.
    assert escalate == due_moment(date(2027, 12, 30))


def test_a_plan_raises_each_kind_once_in_order():
    plan = Plan(moments(date(2027, 1, 12), RULE))
    first = plan.moments["due_soon"]
    assert plan.due(first - timedelta(seconds=1)) == ([], [])
    assert plan.due(first) == (["due_soon"], [])
    plan.done.add("due_soon")
    assert plan.next_at() == plan.moments["overdue"]
    assert plan.due(plan.moments["overdue"]) == (["overdue"], [])


def test_due_soon_is_skipped_when_already_overdue():
    plan = Plan(moments(date(2027, 1, 12), RULE))
    assert plan.due(plan.moments["overdue"]) == (["overdue"], ["due_soon"])


def test_a_record_of_the_past_is_quiet_about_what_was_already_due():
    plan = Plan(moments(date(2027, 1, 12), RULE))
    plan.quiet_until(plan.moments["overdue"] + timedelta(hours=1))
    assert plan.done == {"due_soon", "overdue"} and plan.next_at() == plan.moments["escalated"]


def test_alert_ids_are_stable_and_differ_by_kind_and_due_moment():
    moment = due_moment(date(2027, 1, 12))
    assert alert_id("overdue", "d1", moment) == alert_id("overdue", "d1", moment)
    assert alert_id("overdue", "d1", moment) != alert_id("escalated", "d1", moment)
    assert alert_id("overdue", "d1", moment) != alert_id("overdue", "d1", moment + timedelta(1))


def test_working_days_overdue_skips_the_weekend():
    # Due Friday 8 Jan; on Monday 11 Jan at 09:00 it is one working day overdue.
    assert working_days_overdue(date(2027, 1, 8), datetime(2027, 1, 11, 9, tzinfo=UTC)) == 1
