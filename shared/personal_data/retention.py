"""The retention schedule's rules and legal holds (pure: no I/O).

A rule says how long one kind of record is kept, from which of its dates, and what happens
after: `delete` it, or `blank` its personal fields where its figures (grades, counts) must
stay. A legal hold (an inquiry's order to keep records) stops both retention and erasure for
what it covers; holds are lifted, never deleted, so what was kept and why stays visible.
"""

from __future__ import annotations

import calendar
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum

from schemas.retention import RecordKind
from shared.months import last_day

__all__ = ["RecordKind"]  # declared once, with the events that carry it


# The dates a rule may count from: fields every record of the kind carries (schemas/).
DATE_FIELDS: dict[RecordKind, tuple[str, ...]] = {
    RecordKind.AUDITS: ("month", "submitted_at"),
    RecordKind.OBSERVATIONS: ("observed_on", "held_on"),
    RecordKind.FEEDBACK: ("received_on",),
    RecordKind.COMPLAINTS: ("received_on",),
    RecordKind.ACTIONS: ("raised_at", "due_date"),
    RecordKind.MEETINGS: ("scheduled_for", "held_on"),
    RecordKind.LOGS: ("read_at",),
}


class Disposal(StrEnum):
    DELETE = "delete"
    BLANK = "blank"  # personal fields read "[erased]"; ids, dates, grades and counts stay


@dataclass(frozen=True)
class Period:
    years: int = 0
    months: int = 0
    days: int = 0

    def after(self, start: date) -> date:
        index = start.year * 12 + start.month - 1 + self.years * 12 + self.months
        year, month = divmod(index, 12)
        day = min(start.day, calendar.monthrange(year, month + 1)[1])  # 29 Feb + 1y: 28 Feb
        return date.fromordinal(date(year, month + 1, day).toordinal() + self.days)

    def __str__(self) -> str:
        parts = [(self.years, "year"), (self.months, "month"), (self.days, "day")]
        return ", ".join(f"{n} {word}{'s' if n != 1 else ''}" for n, word in parts if n) or "0 days"


@dataclass(frozen=True)
class RetentionRule:
    kind: RecordKind
    period: Period
    counts_from: str
    disposal: Disposal
    source: str


@dataclass(frozen=True)
class RecordFacts:
    """What retention and holds need to know of one record, whoever keeps it."""

    kind: RecordKind
    counted_from: date | None
    subjects: frozenset[str] = frozenset()  # "child:<case_ref>", "staff:<person_id>"
    team_id: str | None = None


@dataclass(frozen=True)
class HoldScope:
    """What a hold covers: every criterion given must match (at least one is)."""

    subject: str | None = None
    team_id: str | None = None
    from_date: date | None = None
    to_date: date | None = None
    record_kind: RecordKind | None = None

    def is_empty(self) -> bool:
        return not (self.subject or self.team_id or self.from_date or self.to_date
                    or self.record_kind)


@dataclass(frozen=True)
class Hold:
    hold_id: str
    scope: HoldScope
    reason: str
    set_by: str
    lifted: bool = False


class Verdict(StrEnum):
    KEEP = "keep"  # not yet expired
    HELD = "held"  # expired, but a legal hold keeps it
    DISPOSE = "dispose"  # expired and not held: delete or blank by the rule


@dataclass(frozen=True)
class Decision:
    verdict: Verdict
    holds: tuple[str, ...] = field(default=())


def counted_date(value: object) -> date | None:
    """A record's date as a rule counts it: a month counts from its last day, so the
    whole month is kept the full period."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, str) and len(value) == 7 and value[4] == "-":
        return last_day(value)
    if isinstance(value, str):
        try:
            return datetime.fromisoformat(value).date()
        except ValueError:
            return None
    return None


def expires_on(rule: RetentionRule, record: RecordFacts) -> date | None:
    """None for a record without the date its rule counts from: kept, never guessed."""
    if record.counted_from is None:
        return None
    return rule.period.after(record.counted_from)


def has_expired(rule: RetentionRule, record: RecordFacts, today: date) -> bool:
    expiry = expires_on(rule, record)
    return expiry is not None and expiry <= today


def hold_covers(hold: Hold, record: RecordFacts) -> bool:
    scope = hold.scope
    if hold.lifted or scope.is_empty():
        return False
    if scope.subject and scope.subject not in record.subjects:
        return False
    if scope.team_id and scope.team_id != record.team_id:
        return False
    if scope.record_kind and scope.record_kind != record.kind:
        return False
    if scope.from_date or scope.to_date:
        if record.counted_from is None:
            return True  # undated: a date-range hold keeps it rather than guess
        if scope.from_date and record.counted_from < scope.from_date:
            return False
        if scope.to_date and record.counted_from > scope.to_date:
            return False
    return True


def holds_covering_subject(holds: Iterable[Hold], subject: str) -> list[Hold]:
    """The active holds naming this subject: they refuse the subject's erasure."""
    return [h for h in holds if not h.lifted and h.scope.subject == subject]


def decide(rule: RetentionRule, record: RecordFacts, holds: Iterable[Hold],
           today: date) -> Decision:
    if not has_expired(rule, record, today):
        return Decision(Verdict.KEEP)
    covering = tuple(h.hold_id for h in holds if hold_covers(h, record))
    return Decision(Verdict.HELD, covering) if covering else Decision(Verdict.DISPOSE)
