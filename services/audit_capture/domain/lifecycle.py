"""The audit lifecycle: allocated → in progress (drafts) → submitted → moderated → signed off.

Only the month's moderation sample is moderated, so an audit the sample was drawn from but
did not pick is signed off straight from submitted; one in the sample only once moderated,
and one submitted after the draw (never in the pool) only once moderated or drawn again.
Anything else is refused with the reason, which the HTTP layer answers as 409.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum

from shared.england_time import england_time


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


@dataclass(frozen=True)
class ModerationSample:
    """The month's moderation sample as drawn: the audits picked, the submitted audits it was
    drawn from, and when. Membership of the pool, not a comparison of times, decides whether
    an audit "missed the draw": a submission in flight while the sample is drawn carries an
    earlier time yet is not in the pool. `drawn_from` is None for a sample drawn before the
    pool was kept."""

    picked: frozenset[str]
    drawn_from: frozenset[str] | None
    drawn_at: datetime | None

    @classmethod
    def of_month(cls, planned: dict | None) -> ModerationSample | None:
        """From the programme month document; None while the sample is not drawn."""
        if not planned or planned.get("moderation_sample") is None:
            return None
        pool = planned.get("moderation_sample_drawn_from")
        return cls(picked=frozenset(planned["moderation_sample"]),
                   drawn_from=None if pool is None else frozenset(pool),
                   drawn_at=planned.get("moderation_sample_drawn_at"))


def sign_off_refusal(audit_id: str, current: str, *,
                     sample: ModerationSample | None) -> str | None:
    """Why this audit cannot be signed off now, or None when it can."""
    try:
        signed_off_from(audit_id, current, sample=sample)
    except IllegalTransition as refused:
        return str(refused)
    return None


def signed_off_from(audit_id: str, current: str, *, sample: ModerationSample | None) -> Status:
    target = next_status(current, "sign off")
    if Status(current) is not Status.SUBMITTED:
        return target
    if sample is None:
        raise IllegalTransition(
            "cannot sign off a submitted audit before the month's moderation sample is "
            "drawn: it may be one that must be moderated first")
    if audit_id in sample.picked:
        raise IllegalTransition("cannot sign off an audit in the month's moderation sample "
                                "until it is moderated")
    if sample.drawn_from is None:
        raise IllegalTransition(
            "cannot sign off this audit without moderation: the month's moderation sample was "
            "drawn before the platform recorded which audits it was drawn from; draw the "
            "sample again or moderate it")
    if audit_id not in sample.drawn_from:
        when = f" on {england_time(sample.drawn_at)}" if sample.drawn_at else ""
        raise IllegalTransition(
            f"cannot sign off this audit without moderation: it was submitted after the "
            f"month's moderation sample was drawn{when}; draw the sample again (it re-draws "
            f"from the audits still submitted) or moderate it")
    return target


def is_late(*, status: str, deadline: date | None, today: date, on_time: bool | None) -> bool:
    """Late: still open after its window closed, or submitted after it."""
    if deadline is None:
        return False
    if Status(status) in (Status.ALLOCATED, Status.IN_PROGRESS):
        return today > deadline
    return on_time is False
