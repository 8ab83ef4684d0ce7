"""The audit lifecycle: allocated → in progress (drafts) → submitted → moderated → signed off.

Anything else is refused with the reason, which the HTTP layer answers as 409.
"""

from __future__ import annotations

from datetime import date
from enum import StrEnum


class Status(StrEnum):
    ALLOCATED = "allocated"
    IN_PROGRESS = "in_progress"
    SUBMITTED = "submitted"
    MODERATED = "moderated"
    SIGNED_OFF = "signed_off"


class IllegalTransition(Exception):
    """The audit is not in a state that allows this step; the message says why."""


# step -> (states it may start from, state it leads to)
STEPS: dict[str, tuple[frozenset[Status], Status]] = {
    "save a draft of": (frozenset({Status.ALLOCATED, Status.IN_PROGRESS}), Status.IN_PROGRESS),
    "submit": (frozenset({Status.ALLOCATED, Status.IN_PROGRESS}), Status.SUBMITTED),
    "moderate": (frozenset({Status.SUBMITTED}), Status.MODERATED),
    "sign off": (frozenset({Status.MODERATED}), Status.SIGNED_OFF),
}


def next_status(current: str, step: str) -> Status:
    allowed, target = STEPS[step]
    if Status(current) not in allowed:
        names = " or ".join(sorted(s.value.replace("_", " ") for s in allowed))
        raise IllegalTransition(
            f"cannot {step} an audit that is {Status(current).value.replace('_', ' ')}; "
            f"only an audit that is {names} can be")
    return target


def is_late(*, status: str, deadline: date | None, today: date, on_time: bool | None) -> bool:
    """Late: still open after its window closed, or submitted after it."""
    if deadline is None:
        return False
    if Status(status) in (Status.ALLOCATED, Status.IN_PROGRESS):
        return today > deadline
    return on_time is False
