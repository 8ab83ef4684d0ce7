"""Subject access requests (UK GDPR art. 15) as pure rules: the statutory due date, the steps a
request goes through, and which parts of a bundle are other people's information to review
before release."""

from __future__ import annotations

from datetime import date
from enum import StrEnum
from typing import Any, Literal

from dateutil.relativedelta import relativedelta

SubjectKind = Literal["child", "staff"]


class Progress(StrEnum):
    RECEIVED = "received"
    GATHERING = "gathering"
    REVIEW = "review"
    RELEASED = "released"


ORDER = list(Progress)


class StepRefused(ValueError):
    """A step the request cannot take now, in words."""


def due_date(received_on: date) -> date:
    """One calendar month from receipt (art. 12(3)); relativedelta keeps the month's end: a
    request received on 31 January is due on 28 (or 29) February, as the ICO reads it."""
    return received_on + relativedelta(months=1)


def next_step(current: Progress, wanted: Progress) -> Progress:
    """Forward one step at a time; a request is never taken back, nor released unreviewed."""
    if ORDER.index(wanted) != ORDER.index(current) + 1:
        raise StepRefused(f"A request that is {current.value} cannot be marked {wanted.value}: "
                          f"the next step is {_after(current)}.")
    return wanted


def _after(current: Progress) -> str:
    index = ORDER.index(current) + 1
    return ORDER[index].value if index < len(ORDER) else "none (it has been released)"


# Fields naming someone other than the subject: staff and other children.
STAFF_FIELDS = frozenset({"auditor_ids", "social_worker_id", "line_manager_id", "owner_id",
                          "moderator_id", "observer_id", "display_name", "chair_id",
                          "signed_off_by", "assigned_to", "raised_by", "author_id"})
CASE_FIELDS = frozenset({"case_ref"})


def third_party(held: Any, *, kind: SubjectKind, reference: str, path: str = "") -> list[str]:
    """Dotted paths in what a service holds that name someone else: in a child's bundle,
    staff and other children's case references; in a member of staff's, other people's ids
    and names and every child's case reference. Each is reviewed before release."""
    found: list[str] = []
    if isinstance(held, dict):
        for key, value in held.items():
            at = f"{path}.{key}" if path else key
            if _names_another(key, value, kind=kind, reference=reference):
                found.append(at)
            else:
                found.extend(third_party(value, kind=kind, reference=reference, path=at))
    elif isinstance(held, list):
        for n, value in enumerate(held):
            found.extend(third_party(value, kind=kind, reference=reference, path=f"{path}[{n}]"))
    return found


def _names_another(key: str, value: Any, *, kind: SubjectKind, reference: str) -> bool:
    if value in (None, "", []):
        return False
    values = value if isinstance(value, list) else [value]
    if key in CASE_FIELDS:
        return kind == "staff" or any(v != reference for v in values)
    if key in STAFF_FIELDS:
        return kind == "child" or any(v != reference for v in values)
    return False
