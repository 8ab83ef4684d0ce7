"""Meetings' rules without I/O: scheduling a clinic, holding, minutes, the chair's sign-off
(then immutable), corrections as versions, clinic outcomes, who sees support needs."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from schemas.learning import MeetingKind, MeetingScheduled, MinutesSignedOff, PriorityAgreed
from services.learning.domain.clinics import carry_in
from services.learning.domain.meetings import HoldMeeting, ScheduleMeeting, add_months
from services.learning.domain.meetings import decide_hold, decide_schedule, held_changes
from services.learning.domain.meetings import on_time, scheduled_document
from services.learning.domain.minutes import Correction, Minutes, check_editable
from services.learning.domain.minutes import decide_sign_off, signed_changes
from services.learning.domain.refusals import Locked, NotAllowed, Refused
from services.learning.domain.support import may_see

NOW = datetime(2026, 11, 20, 10, tzinfo=UTC)


def clinic(**changes) -> dict:
    command = ScheduleMeeting(kind=MeetingKind.PERFORMANCE_CLINIC, title="Clinic",
                              team_id="team-1", scheduled_for=date(2026, 11, 10),
                              chair_id="tm-1", guest_ids=["guest-1"])
    event = decide_schedule(command, meeting_id="m-1", carried=[])
    return {**scheduled_document(event, command), "version": 1, **changes}


def held(meeting: dict | None = None) -> dict:
    meeting = meeting or clinic()
    command = HoldMeeting(held_on=date(2026, 11, 10), attendee_ids=["sw-1"])
    event = decide_hold(meeting, command, today=date(2026, 11, 20), previous_held_on=None)
    return {**meeting, **held_changes(event, command)}


def with_minutes(meeting: dict, **fields) -> dict:
    return {**meeting, "minutes": Minutes(**fields).model_dump(mode="json")}


def test_a_clinic_needs_a_team():
    command = ScheduleMeeting(kind="performance_clinic", title="Clinic",
                              scheduled_for=date(2026, 11, 10))
    with pytest.raises(Refused) as refused:
        decide_schedule(command, meeting_id="m", carried=[])
    assert refused.value.field == "team_id"


def test_holding_freezes_the_pack_puts_the_chair_among_attendees_and_refuses_the_future():
    meeting = clinic(pack={"report": "performance_clinic", "period_from": "2026-05",
                           "period_to": "2026-10", "filters": {}, "frozen_on": None})
    event = decide_hold(meeting, HoldMeeting(held_on=date(2026, 11, 10), attendee_ids=["sw-1"]),
                        today=date(2026, 11, 20), previous_held_on=None)
    assert event.pack.frozen_on == date(2026, 11, 10)
    assert event.attendee_ids == ["tm-1", "sw-1"]
    with pytest.raises(Refused) as refused:
        decide_hold(meeting, HoldMeeting(held_on=date(2026, 12, 1)), today=date(2026, 11, 20),
                    previous_held_on=None)
    assert refused.value.field == "held_on"
    with pytest.raises(Refused):
        decide_hold(meeting, HoldMeeting(held_on=date(2026, 11, 1), guest_ids=["stranger"]),
                    today=date(2026, 11, 20), previous_held_on=None)


def test_on_time_within_the_kinds_interval():
    assert on_time(MeetingKind.PERFORMANCE_CLINIC, date(2026, 11, 30), date(2026, 5, 31))
    assert not on_time(MeetingKind.PERFORMANCE_CLINIC, date(2026, 12, 1), date(2026, 5, 31))
    assert on_time(MeetingKind.PEER_CHALLENGE, date(2030, 1, 1), date(2020, 1, 1))
    assert add_months(date(2026, 8, 31), 6) == date(2027, 2, 28)


def test_sign_off_needs_the_chair_and_a_decision_or_none_recorded():
    meeting = with_minutes(held(), notes="Synthetic notes")
    with pytest.raises(Refused) as refused:
        decide_sign_off(meeting, "tm-1", NOW)
    assert refused.value.field == "decisions"
    with pytest.raises(NotAllowed):
        decide_sign_off(with_minutes(held(), no_decisions=True), "someone-else", NOW)
    with pytest.raises(Refused) as refused:
        decide_sign_off({**with_minutes(held(), no_decisions=True), "chair_id": None}, "x", NOW)
    assert refused.value.field == "chair_id"
    events = decide_sign_off(with_minutes(held(), no_decisions=True), "tm-1", NOW)
    assert isinstance(events[0], MinutesSignedOff) and events[0].no_decisions


def test_signed_minutes_refuse_edits_saying_how_to_correct_them():
    meeting = with_minutes(held(), decisions=["Synthetic decision"])
    events = decide_sign_off(meeting, "tm-1", NOW)
    signed = {**meeting, **signed_changes(meeting, events, None)}
    with pytest.raises(Locked, match="corrections"):
        check_editable(signed, Minutes(decisions=["changed"]))
    with pytest.raises(Locked):
        decide_sign_off(signed, "tm-1", NOW)


def test_a_correction_is_a_new_version_with_its_reason_and_only_new_facts():
    meeting = with_minutes(held(), decisions=["Decision A"],
                           clinic={"priorities": ["Priority A"]})
    first = decide_sign_off(meeting, "tm-1", NOW)
    assert [e.event_type for e in first] == ["meeting.minutes_signed_off",
                                             "meeting.decision_recorded",
                                             "meeting.priority_agreed"]
    signed = {**meeting, **signed_changes(meeting, first, None), "version": 3}
    correction = Correction(reason="Synthetic: a decision was left out",
                            minutes=Minutes(decisions=["Decision A", "Decision B"],
                                            clinic={"priorities": ["Priority A"]}))
    second = decide_sign_off(signed, "tm-1", NOW, correction)
    assert second[0].version == 2 and second[0].correction_reason.startswith("Synthetic")
    assert [getattr(e, "text", None) for e in second[1:]] == ["Decision B"]
    after = signed_changes(signed, second, correction)
    assert [v["version"] for v in after["versions"]] == [1, 2]


def test_the_next_clinic_opens_with_the_last_ones_priorities_and_records_their_outcome():
    meeting = with_minutes(held(), decisions=["D"], clinic={"priorities": ["Fewer drift"]})
    events = decide_sign_off(meeting, "tm-1", NOW)
    last = {**meeting, **signed_changes(meeting, events, None)}
    carried = carry_in(last)
    assert [p.text for p in carried] == ["Fewer drift"]
    agreed = next(e for e in events if isinstance(e, PriorityAgreed))
    assert carried[0].priority_id == agreed.priority_id and carried[0].from_meeting_id == "m-1"
    following = held(clinic(_id="m-2", carried_priorities=[c.model_dump() for c in carried]))
    outcome = {"priority_outcomes": [{"priority_id": agreed.priority_id, "outcome": "met"}]}
    done = decide_sign_off(with_minutes(following, no_decisions=True, clinic=outcome), "tm-1", NOW)
    assert done[0].clinic.carried_priorities[0].outcome == "met"
    with pytest.raises(Refused) as refused:
        check_editable(following, Minutes(clinic={"priority_outcomes": [
            {"priority_id": "unknown", "outcome": "met"}]}))
    assert refused.value.field == "clinic.priority_outcomes.0.priority_id"


def test_only_a_clinic_records_clinic_outcomes_and_support_needs_stay_out_of_events():
    forum = held(clinic(kind="qa_forum", team_id=None))
    with pytest.raises(Refused):
        check_editable(forum, Minutes(clinic={"priorities": ["x"]}))
    meeting = with_minutes(held(), no_decisions=True, clinic={
        "support": [{"person_id": "sw-9", "need": "training"}]})
    signed = decide_sign_off(meeting, "tm-1", NOW)[0]
    assert "sw-9" not in signed.model_dump_json()


def test_support_needs_are_seen_by_the_line_manager_and_head_of_service_only():
    person = {"line_manager_id": "tm-1", "team_id": "team-1"}
    team = {"head_of_service_id": "hos-1"}
    assert may_see("tm-1", person, team) and may_see("hos-1", person, team)
    assert not may_see("tm-2", person, team) and not may_see("tm-1", None, team)


def test_scheduled_event_counts_guests_without_naming_them():
    command = ScheduleMeeting(kind="qa_forum", title="Forum", scheduled_for=date(2026, 12, 1),
                              guest_ids=["guest-a", "guest-b"])
    event = decide_schedule(command, meeting_id="f", carried=[])
    assert isinstance(event, MeetingScheduled) and event.guests_invited == 2
    assert "guest-a" not in event.model_dump_json()
