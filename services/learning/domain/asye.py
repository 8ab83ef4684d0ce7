"""The Assessed and Supported Year in Employment (ASYE), pure: a newly qualified worker's
review points at 3, 6 and 12 months from their start, and their programme's evidence (audits,
observations, supervision sessions, reflections) placed in the period it falls in."""

from __future__ import annotations

from datetime import date
from typing import Any, Literal

from pydantic import BaseModel, Field

from .practice_learning import add_months
from .refusals import Refused

REVIEW_MONTHS = (3, 6, 12)
PointState = Literal["passed", "next", "upcoming"]


class RecordAsye(BaseModel):
    person_id: str = Field(min_length=1, description="The newly qualified worker")
    started_on: date = Field(description="The first day of their ASYE year")


def decide_asye(command: RecordAsye, *, person: dict[str, Any] | None, by: str,
                today: date) -> dict[str, Any]:
    if person is None:
        raise Refused("person_id", f"{command.person_id} is not in the staff directory")
    if command.started_on > add_months(today, 3):
        raise Refused("started_on", "an ASYE year is recorded at most three months before it "
                                    "starts")
    return {"_id": command.person_id, "started_on": command.started_on.isoformat(),
            "recorded_by": by}


def review_points(started_on: date, *, today: date) -> list[dict[str, Any]]:
    """The 3, 6 and 12-month reviews: each one's date, and which is next."""
    points = [{"months": m, "on": add_months(started_on, m)} for m in REVIEW_MONTHS]
    upcoming = [p for p in points if p["on"] >= today]
    next_on = upcoming[0]["on"] if upcoming else None
    return [{"months": p["months"], "on": p["on"].isoformat(),
             "state": ("passed" if p["on"] < today else
                       "next" if p["on"] == next_on else "upcoming")} for p in points]


def period_of(on: date, started_on: date) -> str:
    """Which stretch of the year a piece of evidence falls in."""
    if on < started_on:
        return "before the ASYE year"
    start = 0
    for months in REVIEW_MONTHS:
        if on < add_months(started_on, months):
            return f"months {start} to {months}"
        start = months
    return "after the ASYE year"


def evidence(started_on: date, pieces: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Each piece (`kind`, `id`, `on`, `title`) with its period, oldest first."""
    return sorted(({**p, "period": period_of(date.fromisoformat(p["on"][:10]), started_on)}
                   for p in pieces), key=lambda p: (p["on"], p["kind"], p["id"]))
