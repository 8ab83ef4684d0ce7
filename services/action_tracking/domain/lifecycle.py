"""An action's lifecycle: which change is allowed from which status, and by whom.

open → in_progress (progress) → completed (with evidence) → confirmed (by the owner's team
manager: the framework's "TM confirms") or sent back to in progress with a reason; reopen
with a reason from completed, confirmed or cancelled; cancel with a reason while open or in
progress; reassign or agree a new due date while open or in progress. An urgent action
(a Safety Link, a safeguarding concern) is acknowledged while open: it is then in progress.

Each refusal says why, and a refusal by role names the roles that may.
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
    "sent_back": ({S.COMPLETED}, S.IN_PROGRESS),
    "acknowledged": ({S.OPEN}, S.IN_PROGRESS),
    "rescheduled": (LIVE, None),  # a new due date, agreed with a reason
}
VERBS = {"assigned": "reassign", "progressed": "record progress on", "completed": "complete",
         "confirmed": "confirm", "reopened": "reopen", "cancelled": "cancel",
         "sent_back": "send back", "acknowledged": "acknowledge",
         "rescheduled": "agree a new due date for"}
# Who may, in words (the refusal names the role needed).
MANAGER_WORDS = "a team manager, head of service or head of quality"
CONFIRMER_WORDS = "the owner's team manager or the head of service over their team"


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
        raise IllegalTransition(f"cannot {VERBS[change]} an action that is "
                                f"{current.value.replace('_', ' ')}; only when "
                                f"{allowed.replace('_', ' ')}")
    return leads_to or current


def check_actor(change: str, actor: Actor, owner_id: str) -> None:
    is_owner = actor.person_id == owner_id
    verb = VERBS[change]
    if change in ("progressed", "completed", "acknowledged"):
        if not (is_owner or actor.roles & MANAGERS):
            raise NotAllowed(f"only the action's owner or {MANAGER_WORDS} may {verb} "
                             "this action")
    elif change in ("confirmed", "sent_back"):
        if is_owner:
            raise NotAllowed(f"the owner cannot {verb} their own action; {CONFIRMER_WORDS} "
                             "may")
        tm = Role.TEAM_MANAGER in actor.roles and actor.manages_owner
        hos = Role.HEAD_OF_SERVICE in actor.roles and actor.in_owners_service
        if not (tm or hos):
            raise NotAllowed(f"only {CONFIRMER_WORDS} may {verb} this action")
    elif not actor.roles & MANAGERS:
        raise NotAllowed(f"only {MANAGER_WORDS} may {verb} this action")


def apply(change: str, current: S, actor: Actor, owner_id: str) -> S:
    """The new status, or IllegalTransition (409) / NotAllowed (403) with the reason."""
    new = next_status(change, current)
    check_actor(change, actor, owner_id)
    return new


def refusal(change: str, current: S, actor: Actor, owner_id: str) -> str | None:
    """Why this person may not make this change now (None: they may). The pages offer a
    control only where this is None."""
    try:
        apply(change, current, actor, owner_id)
    except (IllegalTransition, NotAllowed) as error:
        return str(error)
    return None
