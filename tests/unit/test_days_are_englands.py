"""A moment becomes a day, or a month, as it was in England: 23:30 UTC on 31 July is 00:30
BST on 1 August. Audit deadlines, completion dates, the month an action was raised and
"today" and the retention job's hour all count so, the same way the overdue alerts already did (due at 00:00 BST)."""

from __future__ import annotations

from datetime import UTC, date, datetime, time

from schemas.action import ActionOrigin, ActionRaised, ActionStatusChanged
from services.action_tracking.domain.changes import decide_change, evolve_status
from services.action_tracking.domain.deadlines import due_moment
from services.action_tracking.domain.lifecycle import Actor
from services.audit_capture.domain.audits import SubmitAudit, submit_audit
from services.data_protection.domain.retention_runs import daily_run_due
from services.reporting.domain.facts.actions import action_raised_facts, action_status_facts
from services.reporting.domain.periods import month_of
from shared.auth import Role
from shared.england_time import england_day, england_month, start_of_day
from tests.support.factories import audit_command

SUMMER_NIGHT = datetime(2026, 7, 31, 23, 30, tzinfo=UTC)  # 00:30 BST, 1 August
SUMMER_EVENING = datetime(2026, 7, 31, 22, 30, tzinfo=UTC)  # 23:30 BST, 31 July
WINTER_NIGHT = datetime(2026, 12, 31, 23, 30, tzinfo=UTC)  # England is on UTC


def test_a_moment_falls_on_englands_day_and_month():
    assert england_day(SUMMER_NIGHT) == date(2026, 8, 1)
    assert england_day(SUMMER_EVENING) == date(2026, 7, 31)
    assert england_day(WINTER_NIGHT) == date(2026, 12, 31)
    assert england_day(SUMMER_NIGHT.replace(tzinfo=None)) == date(2026, 8, 1)  # naive is UTC
    assert england_month(SUMMER_NIGHT) == "2026-08" == month_of(SUMMER_NIGHT)
    assert month_of(date(2026, 7, 31)) == "2026-07"  # a day stays its day


def test_the_day_starts_at_englands_midnight():
    assert start_of_day(date(2026, 8, 1)) == datetime(2026, 7, 31, 23, tzinfo=UTC)
    assert start_of_day(date(2026, 12, 1)) == datetime(2026, 12, 1, tzinfo=UTC)


def test_an_audit_submitted_after_midnight_in_england_missed_its_deadline():
    command = SubmitAudit(**audit_command(deadline="2026-07-31"))
    late, _ = submit_audit(command, audit_id="a-1", submitted_by="u", now=SUMMER_NIGHT)
    in_time, _ = submit_audit(command, audit_id="a-2", submitted_by="u", now=SUMMER_EVENING)
    assert (late.on_time, in_time.on_time) == (False, True)


def test_an_action_completed_after_its_overdue_alert_is_not_completed_in_time():
    action = {"_id": "a-1", "status": "open", "owner_id": "sw-1", "team_id": "t-1",
              "due_date": "2026-07-31"}
    assert due_moment(date(2026, 7, 31)) < SUMMER_NIGHT  # the overdue alert has fired
    done = decide_change(action, Actor("sw-1", frozenset({Role.SOCIAL_WORKER})), "completed",
                         note=None, evidence="Fictional evidence", now=SUMMER_NIGHT)
    changes, _ = evolve_status(action, done)
    assert (changes["completed_on"], changes["completed_in_time"]) == ("2026-08-01", False)


def test_reporting_counts_an_action_in_englands_month_and_day():
    raised = ActionRaised(
        action_id="a-1", origin=ActionOrigin(kind="audit", id="au-1"),
        description="Fictional action", owner_id="sw-1", team_id="t-1",
        due_date=date(2026, 8, 14), raised_at=SUMMER_NIGHT)
    [fact] = action_raised_facts(raised)
    assert (fact.fields["raised_month"], fact.fields["raised_on"]) == ("2026-08", "2026-08-01")
    completed = ActionStatusChanged(
        action_id="a-1", status="completed", previous_status="in_progress",
        changed_by="sw-1", changed_at=SUMMER_NIGHT)
    [fact] = action_status_facts(completed)
    assert fact.fields["completed_on"] == "2026-08-01"


def test_the_daily_retention_run_waits_for_its_hour_in_england():
    at = time(2, 30)
    assert not daily_run_due(datetime(2026, 7, 31, 23, 30, tzinfo=UTC), at)  # 00:30 BST
    assert daily_run_due(datetime(2026, 8, 1, 1, 30, tzinfo=UTC), at)  # 02:30 BST
    assert not daily_run_due(datetime(2026, 12, 1, 2, 29, tzinfo=UTC), at)  # 02:29 GMT
