"""An erasure (pure): what the data protection officer asks for, and which services have
confirmed that they blanked the subject."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field

SubjectKind = Literal["child", "staff"]


class RequestErasure(BaseModel):
    kind: SubjectKind = Field(description="child (by case reference) or staff (by person id)")
    reference: str = Field(min_length=1, max_length=200,
                           pattern=r"^[A-Za-z0-9][A-Za-z0-9 ._/-]*$",
                           description="The child's case reference or the person's id")
    reason: str = Field(min_length=1, max_length=2000,
                        description="Why: the request or the rule that requires it")

    @property
    def subject(self) -> str:
        return f"{self.kind}:{self.reference.strip()}"


class Refused(Exception):
    """An erasure that cannot go ahead, with the reason people read; `field` is the form
    field the reason belongs beside."""
    status = 409
    field = "reference"


class UnknownSubject(Refused):
    status = 404


class UnderLegalHold(Refused):
    """Every hold in force naming the subject, or covering some of their records (a team's,
    a date range's, a kind's: `covers`, records by service), with its reason and who set it."""

    def __init__(self, holds: list[dict]) -> None:
        self.holds = holds
        super().__init__(" ".join(_sentence(h) for h in holds)
                         + " Nothing was changed; the hold must be lifted first.")


class HoldsNotKnown(Refused):
    """Some service could not say whether a hold covers the subject's records."""
    status = 503

    def __init__(self, services: list[str]) -> None:
        self.services = services
        super().__init__(
            f"Could not check the records held by {', '.join(services)} against the legal "
            "holds in force: no answer. Nothing was changed; try again shortly.")


def _sentence(hold: dict) -> str:
    where = hold.get("covers") or {}
    covers = (f", which covers {sum(where.values())} of their records "
              f"({', '.join(f'{n} in {s}' for s, n in sorted(where.items()))})" if where else "")
    return (f"Under a legal hold set by {hold['set_by']} on {_day(hold['set_at'])}{covers}: "
            f"{hold['reason']}.")


def _day(at: object) -> str:
    return at.strftime("%d %B %Y") if hasattr(at, "strftime") else str(at)[:10]


def pending(erasure: dict, services: list[str]) -> list[str]:
    """The services that have not yet confirmed blanking the subject with every record about
    them named so far: one that confirmed before another service named a new record (an
    action filed under the child's audit's id) is asked again."""
    confirmed, records = erasure.get("confirmed", {}), len(erasure.get("records", []))
    return [s for s in services
            if s not in confirmed or confirmed[s].get("with_records", 0) < records]
