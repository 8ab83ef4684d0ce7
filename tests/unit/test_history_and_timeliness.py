"""Loading history honestly (issue 11): a fact stamped in the past only by a role that loads
history, never in the future nor before what it follows; and "completed in time" counted
against the original due date, whatever date was agreed since."""

from datetime import UTC, date, datetime

import pytest

from schemas.action import ActionStatus as S
from services.action_tracking.domain.changes import (decide_change, decide_due_date,
                                                     evolve_status, last_moment)
from services.action_tracking.domain.lifecycle import Actor
from services.audit_capture.domain.audits import SubmitAudit, submit_audit
from services.reporting.domain.sections import actions as action_figures
from services.reporting.domain.sections import is_overdue
from shared.action_timeliness import completed_in_time, met_agreed_date_only
from shared.auth import Principal, Role
from shared.history import BadRecordedMoment, NotAHistoryLoader, recorded_moment

NOW = datetime(2027, 3, 3, 10, 0, tzinfo=UTC)
LOADER = Principal("demo-tm-01", frozenset({Role.TEAM_MANAGER, Role.ADMIN}))
MANAGER = Principal("demo-tm-01", frozenset({Role.TEAM_MANAGER}))


def test_only_a_history_loader_stamps_a_fact_in_the_past():
    with pytest.raises(NotAHistoryLoader, match="requires one of: admin"):
        recorded_moment(MANAGER, datetime(2027, 1, 5, tzinfo=UTC), now=NOW)
    assert recorded_moment(LOADER, datetime(2027, 1, 5, tzinfo=UTC), now=NOW) == datetime(
        2027, 1, 5, tzinfo=UTC)


def test_a_past_stamp_is_never_in_the_future_nor_before_what_it_follows():
    with pytest.raises(BadRecordedMoment, match="is in the future"):
        recorded_moment(LOADER, datetime(2027, 3, 4, tzinfo=UTC), now=NOW)
    with pytest.raises(BadRecordedMoment, match="before the action was raised"):
        recorded_moment(LOADER, datetime(2027, 1, 5, tzinfo=UTC), now=NOW,
                        not_before=datetime(2027, 2, 1, tzinfo=UTC),
                        what_before="the action was raised")
    # A moment without a zone is UTC, as events keep every moment.
    assert recorded_moment(LOADER, datetime(2027, 1, 5, 9), now=NOW).tzinfo is UTC


def test_an_audit_recorded_for_its_month_is_stamped_then_and_on_time_by_then():
    command = SubmitAudit.model_validate(_audit() | {"submitted_at": "2027-01-20T10:00:00Z"})
    submitted, _ = submit_audit(command, audit_id="au-1", submitted_by="demo-auditor",
                                now=datetime(2027, 1, 20, 10, tzinfo=UTC), recorded_past=True)
    assert submitted.recorded_past and submitted.submitted_at.date() == date(2027, 1, 20)
    assert submitted.on_time  # due 31/01, submitted 20/01: on time then, however late loaded
    assert "submitted_at" not in submitted.model_dump()["actions"][0]


def test_the_last_moment_of_an_action_is_its_latest_change():
    raised = {"raised_at": "2027-01-20T10:00:00Z",
              "history": [{"at": "2027-01-20T10:00:00+00:00"}]}
    assert last_moment(raised) == (datetime(2027, 1, 20, 10, tzinfo=UTC),
                                   "the action was raised")
    changed = {**raised, "history": [*raised["history"], {"at": "2027-02-01T09:00:00+00:00"}]}
    assert last_moment(changed)[1] == "the action's last change"


def test_a_late_completion_stays_late_against_the_original_whatever_date_was_agreed():
    tm = Actor("tm-1", frozenset({Role.TEAM_MANAGER}), manages_owner=True)
    action = {"_id": "a-1", "status": "open", "owner_id": "sw-1", "team_id": "t-1",
              "due_date": "2027-01-31"}
    agreed = decide_due_date(action, tm, due_date=date(2027, 2, 28), reason="Fictional: leave",
                             now=datetime(2027, 1, 25, tzinfo=UTC), today=date(2027, 1, 25),
                             recorded_past=True)
    assert agreed.recorded_past and agreed.original_due_date == date(2027, 1, 31)
    moved = {**action, "due_date": "2027-02-28", "original_due_date": "2027-01-31"}
    done = decide_change(moved, Actor("sw-1", frozenset({Role.SOCIAL_WORKER})), "completed",
                         note=None, evidence="Fictional", now=datetime(2027, 2, 20, tzinfo=UTC),
                         recorded_past=True)
    changes, entry = evolve_status(moved, done)
    assert changes["completed_on"] == "2027-02-20" and changes["completed_in_time"] is False
    assert entry["recorded_past"] is True and done.status == S.COMPLETED
    assert not completed_in_time("2027-02-20", "2027-01-31")
    assert met_agreed_date_only("2027-02-20", "2027-01-31", "2027-02-28")
    assert completed_in_time("2027-01-31", "2027-01-31")
    assert not met_agreed_date_only("2027-01-30", "2027-01-31", "2027-02-28")  # in time


def test_reporting_counts_in_time_against_the_original_and_overdue_against_the_agreed():
    fact = {"due_date": "2027-01-31", "agreed_due_date": "2027-02-28", "status": "completed",
            "completed_on": "2027-02-20", "raised_month": "2027-01"}
    on_time = {"due_date": "2027-02-10", "status": "confirmed", "completed_on": "2027-02-01",
               "raised_month": "2027-01"}
    figures = action_figures([fact, on_time], [fact, on_time], as_of=date(2027, 3, 3),
                             month="2027-02")
    assert (figures["completed"], figures["completed_in_time"]) == (2, 1)
    assert figures["completed_by_agreed_date_only"] == 1
    still_open = {"due_date": "2027-01-31", "agreed_due_date": "2027-03-10", "status": "open"}
    assert not is_overdue(still_open, date(2027, 3, 3))
    assert is_overdue(still_open, date(2027, 3, 11))


def _audit() -> dict:
    return {"month": "2027-01", "case_ref": "DEMO-CASE-2027-01-0001", "team_id": "demo-team-01",
            "auditor_ids": ["demo-tm-02"], "social_worker_id": "demo-sw-01-01",
            "deadline": "2027-01-31", "overall_grade": "requires_improvement",
            "standards": [{"standard": s, "grade": "good", "evidence": "Fictional."}
                          for s in range(1, 7)],
            "child_seen_alone": True,
            "impact": {"grade": "good", "better_off": True, "has_pace": True,
                       "rationale_evident": True, "help_planned_and_purposeful": True},
            "child_view": {"status": "obtained", "summary": "Fictional view."},
            "parent_view": {"status": "obtained", "summary": "Fictional view."},
            "actions": [{"key": "a1", "description": "Fictional action.",
                         "owner_id": "demo-sw-01-01", "due_date": "2027-03-01"}]}
