"""People raise actions directly: past due dates only when recording a past action."""

from datetime import UTC, date, datetime

import pytest

from schemas.action import ActionOrigin
from services.action_tracking.domain.actions import DueDateInPast, RaiseAction, raise_directly
from services.action_tracking.domain.visibility import Viewer
from shared.auth import Role

NOW = datetime(2027, 3, 10, 9, tzinfo=UTC)


def command(**overrides) -> RaiseAction:
    body = {"origin": ActionOrigin(kind="performance_clinic", id="clinic-1"), "key": "k1",
            "description": "Synthetic clinic action", "owner_id": "sw-1",
            "due_date": date(2027, 3, 20)} | overrides
    return RaiseAction(**body)


def test_a_clinic_action_keeps_its_finding_and_a_stable_id():
    first = raise_directly(command(), team_id="t1", raised_by="tm-1", now=NOW, today=NOW.date())
    again = raise_directly(command(), team_id="t1", raised_by="tm-1", now=NOW, today=NOW.date())
    assert first.action_id == again.action_id
    assert (first.origin.kind, first.origin.id, first.raised_by) == (
        "performance_clinic", "clinic-1", "tm-1")


def test_a_past_due_date_is_refused_unless_recording_the_past():
    past = command(due_date=date(2027, 3, 1))
    with pytest.raises(DueDateInPast):
        raise_directly(past, team_id="t1", raised_by="tm-1", now=NOW, today=NOW.date())
    recorded = raise_directly(command(due_date=date(2027, 3, 1), recorded_past=True),
                              team_id="t1", raised_by="tm-1", now=NOW, today=NOW.date())
    assert recorded.recorded_past


def test_blank_descriptions_are_refused():
    with pytest.raises(ValueError, match="blank"):
        command(description="   ")


def test_who_sees_an_alert():
    alert = {"owner_id": "sw-1", "team_id": "t1", "escalated_to": "hos-1"}
    assert Viewer("sw-1", frozenset({Role.SOCIAL_WORKER})).sees(alert)
    assert not Viewer("sw-2", frozenset({Role.SOCIAL_WORKER})).sees(alert)
    assert Viewer("tm-1", frozenset({Role.TEAM_MANAGER}), frozenset({"t1"})).sees(alert)
    assert not Viewer("tm-2", frozenset({Role.TEAM_MANAGER}), frozenset({"t2"})).sees(alert)
    assert Viewer("hos-1", frozenset({Role.HEAD_OF_SERVICE})).sees(alert)
    assert Viewer("hoq", frozenset({Role.HEAD_OF_QUALITY})).sees(alert)
