"""Pure rules of issue 11's action work: urgent actions (who owns them, by when they are
acknowledged in working hours), sending back, acknowledging, agreeing a new due date with the
original kept, and refusals that name the role needed."""

from datetime import UTC, date, datetime

import pytest

from schemas.action import ActionStatus as S
from services.action_tracking.domain.changes import (BadDueDate, NotUrgent, decide_change,
                                                     decide_due_date, evolve_due_date,
                                                     evolve_status)
from services.action_tracking.domain.deadlines import ENGLAND, Plan, add_working_hours
from services.action_tracking.domain.lifecycle import Actor, NotAllowed, apply, refusal
from services.action_tracking.domain.urgent import UNASSIGNED, choose_owner, urgent_action
from shared.auth import Role

OWNER = Actor("sw-1", frozenset({Role.SOCIAL_WORKER}))
TM = Actor("tm-1", frozenset({Role.TEAM_MANAGER}), manages_owner=True)
NOW = datetime(2027, 3, 3, 10, 0, tzinfo=UTC)  # a Wednesday


def action(**more):
    return {"_id": "a-1", "status": "open", "owner_id": "sw-1", "team_id": "t-1",
            "due_date": "2027-03-10", **more}


def test_four_working_hours_from_friday_afternoon_end_on_monday_morning():
    friday = datetime(2027, 3, 5, 15, 0, tzinfo=ENGLAND)
    assert add_working_hours(friday, 4) == datetime(2027, 3, 8, 11, 0, tzinfo=ENGLAND)


def test_working_hours_skip_bank_holidays_and_the_night():
    maundy_thursday_evening = datetime(2027, 3, 25, 20, 0, tzinfo=ENGLAND)
    # Good Friday 26/03 and Easter Monday 29/03 2027 are bank holidays.
    assert add_working_hours(maundy_thursday_evening, 4) == datetime(
        2027, 3, 30, 13, 0, tzinfo=ENGLAND)
    assert add_working_hours(datetime(2027, 3, 3, 7, 0, tzinfo=ENGLAND), 8) == datetime(
        2027, 3, 3, 17, 0, tzinfo=ENGLAND)


def test_the_duty_manager_owns_an_urgent_action_before_the_team_manager():
    people = [{"_id": "p-2", "job_role": "Team manager"},
              {"_id": "p-3", "job_role": "Social worker", "roles": ["duty_manager"]},
              {"_id": "p-1", "job_role": "Social worker"}]
    assert choose_owner(people, "hos-1") == "p-3"
    assert choose_owner(people[:1] + people[2:], "hos-1") == "p-2"
    assert choose_owner([{"_id": "p-1", "job_role": "social_worker"}], "hos-1") == "hos-1"
    assert choose_owner([], None) == UNASSIGNED


def test_an_inactive_manager_is_passed_over():
    people = [{"_id": "p-2", "job_role": "team_manager", "active": False},
              {"_id": "p-4", "job_role": "team_manager"}]
    assert choose_owner(people, None) == "p-4"


def test_an_urgent_action_has_a_derived_id_and_is_acknowledged_within_the_hours():
    first = urgent_action(kind="safety_link", about_id="item-1", record_id="item-1",
                          team_id="t-1", owner_id="tm-1", case_ref="FIC-1", raised_at=NOW,
                          acknowledge_within_hours=4)
    again = urgent_action(kind="safety_link", about_id="item-1", record_id="item-1",
                          team_id="t-1", owner_id="tm-1", case_ref="FIC-1", raised_at=NOW,
                          acknowledge_within_hours=4)
    assert first.action_id == again.action_id and first.urgent
    assert first.acknowledge_by == datetime(2027, 3, 3, 14, 0, tzinfo=UTC)
    assert first.due_date == date(2027, 3, 3)
    assert first.origin.kind == "safety_link"
    no_team = urgent_action(kind="safeguarding_concern", about_id="c-1", record_id="audit-1",
                            team_id=None, owner_id=UNASSIGNED, case_ref=None, raised_at=NOW,
                            acknowledge_within_hours=4, summary="Fictional summary")
    assert no_team.team_id == UNASSIGNED and no_team.origin.id == "audit-1"


def test_an_acknowledgement_deadline_has_only_its_escalation():
    plan = Plan({"escalated": NOW})
    assert plan.next_at() == NOW
    assert plan.due(NOW) == (["escalated"], [])


def test_acknowledging_puts_an_urgent_action_in_progress():
    event = decide_change(action(urgent=True), TM, "acknowledged", note=None, evidence=None,
                          now=NOW)
    assert event.status == S.IN_PROGRESS and event.change == "acknowledged"
    changes, _ = evolve_status(action(urgent=True), event)
    assert changes["acknowledged_by"] == "tm-1"
    with pytest.raises(NotUrgent, match="only an urgent action"):
        decide_change(action(), TM, "acknowledged", note=None, evidence=None, now=NOW)


def test_a_completion_is_sent_back_by_the_team_manager_not_the_owner():
    assert apply("sent_back", S.COMPLETED, TM, "sw-1") == S.IN_PROGRESS
    with pytest.raises(NotAllowed, match="team manager"):
        apply("sent_back", S.COMPLETED, OWNER, "sw-1")


def test_refusals_name_the_role_needed():
    assert "team manager, head of service or head of quality" in refusal(
        "cancelled", S.OPEN, OWNER, "sw-1")
    assert "owner's team manager or the head of service" in refusal(
        "confirmed", S.COMPLETED, Actor("tm-9", frozenset({Role.TEAM_MANAGER})), "sw-1")
    assert refusal("progressed", S.OPEN, OWNER, "sw-1") is None
    assert "in progress" in refusal("confirmed", S.IN_PROGRESS, TM, "sw-1")


def test_a_new_due_date_keeps_the_original_and_completion_carries_both():
    event = decide_due_date(action(), TM, due_date=date(2027, 3, 20), reason="Fictional leave",
                            now=NOW, today=date(2027, 3, 3))
    assert (event.previous_due_date, event.original_due_date) == (date(2027, 3, 10),
                                                                  date(2027, 3, 10))
    changes, entry = evolve_due_date(action(), event)
    moved = action(**changes)
    later = decide_due_date(moved, TM, due_date=date(2027, 3, 25), reason="Again", now=NOW,
                            today=date(2027, 3, 3))
    assert later.original_due_date == date(2027, 3, 10)
    assert entry["due_from"] == "2027-03-10" and entry["due_to"] == "2027-03-20"
    done = decide_change(moved, OWNER, "completed", note=None, evidence="Fictional", now=NOW)
    assert (done.due_date, done.original_due_date) == (date(2027, 3, 20), date(2027, 3, 10))


def test_a_new_due_date_must_be_today_or_later_and_new():
    with pytest.raises(BadDueDate, match="in the past"):
        decide_due_date(action(), TM, due_date=date(2027, 3, 1), reason="r", now=NOW,
                        today=date(2027, 3, 3))
    with pytest.raises(BadDueDate, match="already due"):
        decide_due_date(action(), TM, due_date=date(2027, 3, 10), reason="r", now=NOW,
                        today=date(2027, 3, 3))
    with pytest.raises(NotAllowed, match="head of quality"):
        decide_due_date(action(), OWNER, due_date=date(2027, 3, 20), reason="r", now=NOW,
                        today=date(2027, 3, 3))
