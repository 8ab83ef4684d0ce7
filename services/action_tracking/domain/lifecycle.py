"""An action's lifecycle: which change is allowed from which status, and by whom.

open → in_progress (progress) → completed (with evidence) → confirmed (by the owner's team
manager: the framework's "TM confirms"); reopen with a reason from completed, confirmed or
cancelled; cancel with a reason while open or in progress; reassign while open or in progress.
"""

from __future__ import annotations

from dataclasses import dataclass

from schemas.action import ActionStatus as S
from shared.auth.roles import Role

MANAGERS = frozenset({Role.TEAM_MANAGER, Role.HEAD_OF_SERVICE, Role.HEAD_OF_QUALITY})
CONFIRMERS = frozenset({Role.TEAM_MANAGER, Role.HEAD_OF_SERVICE})
LIVE = {S.OPEN, S.IN_PROGRESS}
UNFINISHED = (S.OPEN, S.IN_PROGRESS, S.COMPLETED)  # on people's pages until confirmed

# change: (statuses it may start from, the status it leads to; None keeps the status)
TRANSITIONS: dict[str, tuple[set[S], S | None]] = {
    "assigned": (LIVE, None),
    "progressed": (LIVE, S.IN_PROGRESS),
    "completed": (LIVE, S.COMPLETED),
    "confirmed": ({S.COMPLETED}, S.CONFIRMED),
    "reopened": ({S.COMPLETED, S.CONFIRMED, S.CANCELLED}, S.OPEN),
    "cancelled": (LIVE, S.CANCELLED),
}


class IllegalTransition(Exception):
    """409: the action's status does not allow this change."""


class NotAllowed(Exception):
    """403: this person may not make this change to this action."""


@dataclass(frozen=True)
class Actor:
    person_id: str
    roles: frozenset[Role]
    manages_owner: bool = False  # the owner's line manager or team manager (directory)
    in_owners_service: bool = False  # head of service over the owner's team


def next_status(change: str, current: S) -> S:
    starts, leads_to = TRANSITIONS[change]
    if current not in starts:
        allowed = ", ".join(sorted(s.value for s in starts))
        raise IllegalTransition(f"cannot {change.removesuffix('ed').removesuffix('e')} an "
                                f"action that is {current.value}; only when {allowed}")
    return leads_to or current


def check_actor(change: str, actor: Actor, owner_id: str) -> None:
    is_owner = actor.person_id == owner_id
    if change in ("progressed", "completed"):
        if not (is_owner or actor.roles & MANAGERS):
            raise NotAllowed("only the owner or a manager may update this action")
    elif change == "confirmed":
        if is_owner:
            raise NotAllowed("the owner cannot confirm their own action")
        tm = Role.TEAM_MANAGER in actor.roles and actor.manages_owner
        hos = Role.HEAD_OF_SERVICE in actor.roles and actor.in_owners_service
        if not (tm or hos):
            raise NotAllowed("only the owner's team manager (or head of service) may confirm")
    elif not actor.roles & MANAGERS:
        raise NotAllowed("only a manager may do this")


def apply(change: str, current: S, actor: Actor, owner_id: str) -> S:
    """The new status, or IllegalTransition (409) / NotAllowed (403) with the reason."""
    new = next_status(change, current)
    check_actor(change, actor, owner_id)
    return new
