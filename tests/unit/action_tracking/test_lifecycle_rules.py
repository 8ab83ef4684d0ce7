"""Which change is allowed from which status, and by whom."""

import pytest

from schemas.action import ActionStatus as S
from services.action_tracking.domain.lifecycle import (Actor, IllegalTransition, NotAllowed,
                                                       apply)
from shared.auth import Role

OWNER = Actor("sw-1", frozenset({Role.SOCIAL_WORKER}))
TM = Actor("tm-1", frozenset({Role.TEAM_MANAGER}), manages_owner=True)
OTHER_TM = Actor("tm-9", frozenset({Role.TEAM_MANAGER}), manages_owner=False)
HOS = Actor("hos-1", frozenset({Role.HEAD_OF_SERVICE}), in_owners_service=True)


def test_the_happy_path_from_open_to_confirmed():
    assert apply("progressed", S.OPEN, OWNER, "sw-1") == S.IN_PROGRESS
    assert apply("completed", S.IN_PROGRESS, OWNER, "sw-1") == S.COMPLETED
    assert apply("confirmed", S.COMPLETED, TM, "sw-1") == S.CONFIRMED


@pytest.mark.parametrize(("change", "status"), [
    ("confirmed", S.OPEN), ("completed", S.CONFIRMED), ("cancelled", S.COMPLETED),
    ("reopened", S.OPEN), ("progressed", S.CANCELLED), ("assigned", S.CONFIRMED)])
def test_illegal_transitions_say_why(change, status):
    with pytest.raises(IllegalTransition, match=status.value):
        apply(change, status, TM, "sw-1")


def test_only_the_owners_team_manager_or_head_of_service_confirms():
    with pytest.raises(NotAllowed):
        apply("confirmed", S.COMPLETED, OTHER_TM, "sw-1")
    assert apply("confirmed", S.COMPLETED, HOS, "sw-1") == S.CONFIRMED


def test_a_manager_cannot_confirm_their_own_action():
    with pytest.raises(NotAllowed, match="own action"):
        apply("confirmed", S.COMPLETED, TM, "tm-1")


def test_someone_else_cannot_update_an_action():
    with pytest.raises(NotAllowed):
        apply("progressed", S.OPEN, Actor("sw-2", frozenset({Role.SOCIAL_WORKER})), "sw-1")


def test_reopen_and_cancel_are_for_managers():
    with pytest.raises(NotAllowed):
        apply("cancelled", S.OPEN, OWNER, "sw-1")
    assert apply("cancelled", S.OPEN, TM, "sw-1") == S.CANCELLED
    assert apply("reopened", S.CANCELLED, TM, "sw-1") == S.OPEN
