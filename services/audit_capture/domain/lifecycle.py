"""The audit lifecycle: allocated → in progress (drafts) → submitted → moderated → signed off.

Only the month's moderation sample is moderated, so an audit outside it is signed off
straight from submitted; one in the sample only once moderated. Anything else is refused with the reason, which the HTTP layer answers as 409.
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
    "sign off": (frozenset({Status.SUBMITTED, Status.MODERATED}), Status.SIGNED_OFF),
}


def next_status(current: str, step: str) -> Status:
    allowed, target = STEPS[step]
    if Status(current) not in allowed:
        names = " or ".join(sorted(s.value.replace("_", " ") for s in allowed))
        raise IllegalTransition(
            f"cannot {step} an audit that is {Status(current).value.replace('_', ' ')}; "
            f"only an audit that is {names} can be")
    return target


def signed_off_from(current: str, *, in_moderation_sample: bool | None) -> Status:
    """Sign-off: `in_moderation_sample` is None while the month's sample is not drawn."""
    target = next_status(current, "sign off")
    if Status(current) is Status.SUBMITTED:
        if in_moderation_sample is None:
            raise IllegalTransition(
                "cannot sign off a submitted audit before the month's moderation sample is "
                "drawn: it may be one that must be moderated first")
        if in_moderation_sample:
            raise IllegalTransition("cannot sign off an audit in the month's moderation sample "
                                    "until it is moderated")
    return target


def is_late(*, status: str, deadline: date | None, today: date, on_time: bool | None) -> bool:
    """Late: still open after its window closed, or submitted after it."""
    if deadline is None:
        return False
    if Status(status) in (Status.ALLOCATED, Status.IN_PROGRESS):
        return today > deadline
    return on_time is False
