"""Apply the retention schedule to one service's own collections: the one function every
service calls (through the retention endpoint in retention_api.py).

Each service declares, once, which of its collections hold which kind of record, the
record's subjects and team, and the fields to blank (`RetainedCollection`). The sweep reads
only records old enough to have expired (by an index on the date a rule counts from), lets
the pure rules decide each (retention.decide), and deletes or blanks those expired and under
no hold. A dry run decides the same way and changes nothing, so both list the same records.
A blanked record is stamped, so a later run neither counts nor blanks it again.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime, time, timedelta, timezone
from typing import Any

from pymongo.asynchronous.database import AsyncDatabase

from .blanking import EVERY_MARKED_NAME, MARKED_NAMES, blank_named
from .retention import (Disposal, Hold, Period, RecordFacts, RecordKind, RetentionRule, Verdict,
                        counted_date, decide)
from .retention_schedule import RetentionSchedule

ERASED = "[erased]"
DISPOSED_STAMP = "retention_blanked_on"
LISTED_AT_MOST = 200  # ids listed per kind in an answer; the counts are always whole
SLACK = timedelta(days=4)  # month-end clamping: the exact decision is the pure rule's


@dataclass(frozen=True)
class RetainedCollection:
    """One collection's records of one kind, as a service keeps them."""

    collection: str
    kind: RecordKind
    date_fields: Mapping[str, str] = field(default_factory=dict)  # rule's name -> this field
    subject_fields: Mapping[str, Sequence[str]] = field(default_factory=dict)  # "child": (...)
    team_field: str | None = "team_id"
    personal_fields: Sequence[str] = ()  # dotted paths blanked (through lists)
    query: Mapping[str, Any] = field(default_factory=dict)  # e.g. complaints among items
    # Besides personal_fields, every field the event schemas mark as personal data is
    # blanked wherever it is in the record, as erasure blanks it
    # (blanking.EVERY_MARKED_NAME: categories such as complaints' themes too, unlike erasure).
    marked: bool = True
    # A read model whose figures older periods are built on: blanked even where the source
    # record's rule deletes it, and its categories (themes) kept, so a past period's counts,
    # grades and themes never change.
    always_blank: bool = False
    # How a subject is stored when not by reference (reporting's case_key): a hold naming
    # "child:<ref>" is compared as "child:<stored_as(ref)>".
    stored_as: Mapping[str, Callable[[str], Any]] = field(default_factory=dict)

    def date_field(self, rule: RetentionRule) -> str:
        return self.date_fields.get(rule.counts_from, rule.counts_from)


@dataclass
class KindOutcome:
    expired: int = 0
    held: int = 0
    disposed: int = 0
    disposal: str = ""
    disposed_ids: list[str] = field(default_factory=list)
    held_by: dict[str, int] = field(default_factory=dict)  # hold id -> records it kept

    def as_dict(self) -> dict[str, Any]:
        return {"expired": self.expired, "held": self.held, "disposed": self.disposed,
                "disposal": self.disposal, "disposed_ids": self.disposed_ids,
                "held_by": self.held_by}


async def apply_retention(database: AsyncDatabase, declared: Iterable[RetainedCollection], *,
                          schedule: RetentionSchedule, holds: Sequence[Hold], today: date,
                          dry_run: bool,
                          physical: Callable[[str], Awaitable[str]] | None = None,
                          ) -> dict[str, KindOutcome]:
    """What expired, was held and was (or, in a dry run, would be) disposed, by kind.
    `physical` names a declared collection's current physical one (reporting's generations)."""
    outcomes: dict[str, KindOutcome] = {}
    for retained in declared:
        rule = schedule.rule_for(retained.kind)
        if rule is None:
            continue
        if retained.always_blank:
            rule = replace(rule, disposal=Disposal.BLANK)
        outcome = outcomes.setdefault(retained.kind.value, KindOutcome(disposal=rule.disposal))
        name = await physical(retained.collection) if physical else retained.collection
        await _sweep(database[name], retained, rule, as_stored(holds, retained), today,
                     dry_run, outcome)
    return outcomes


def as_stored(holds: Sequence[Hold], retained: RetainedCollection) -> list[Hold]:
    if not retained.stored_as:
        return list(holds)
    stored = []
    for hold in holds:
        kind, _, ref = (hold.scope.subject or "").partition(":")
        if kind in retained.stored_as and ref:
            subject = f"{kind}:{retained.stored_as[kind](ref)}"
            hold = replace(hold, scope=replace(hold.scope, subject=subject))
        stored.append(hold)
    return stored


async def _sweep(collection: Any, retained: RetainedCollection, rule: RetentionRule,
                 holds: Sequence[Hold], today: date, dry_run: bool,
                 outcome: KindOutcome) -> None:
    date_field = retained.date_field(rule)
    cursor = collection.find(_old_enough(retained, date_field, rule.period, today)).sort("_id")
    async for document in cursor:
        facts = record_facts(retained, document, date_field)
        decision = decide(rule, facts, holds, today)
        if decision.verdict is Verdict.KEEP:
            continue
        outcome.expired += 1
        if decision.verdict is Verdict.HELD:
            outcome.held += 1
            for hold_id in decision.holds:
                outcome.held_by[hold_id] = outcome.held_by.get(hold_id, 0) + 1
            continue
        outcome.disposed += 1
        if len(outcome.disposed_ids) < LISTED_AT_MOST:
            outcome.disposed_ids.append(str(document["_id"]))
        if dry_run:
            continue
        if rule.disposal is Disposal.DELETE:
            await collection.delete_one({"_id": document["_id"]})
        else:
            changes = blanked(document, retained.personal_fields)
            if retained.marked:
                changes = {**changes, **_marked_blanked({**document, **changes},
                                                        retained.always_blank)}
            await collection.update_one({"_id": document["_id"]},
                                        {"$set": {**changes, DISPOSED_STAMP: today.isoformat()}})


def _old_enough(retained: RetainedCollection, date_field: str, period: Period,
                today: date) -> dict[str, Any]:
    """Records whose date is at or before today less the period (a little more, at month
    ends), whichever way the date is stored: an ISO string, a month string or a datetime."""
    back = Period(years=-period.years, months=-period.months, days=-period.days).after(today)
    bound = back + SLACK
    as_datetime = datetime.combine(bound, time.max, tzinfo=timezone.utc)
    query: dict[str, Any] = {**retained.query, "$or": [
        {date_field: {"$lte": (bound + timedelta(days=1)).isoformat(), "$type": "string"}},
        {date_field: {"$lte": as_datetime, "$type": "date"}}]}
    query[DISPOSED_STAMP] = {"$exists": False}
    return query


def record_facts(retained: RetainedCollection, document: Mapping[str, Any],
                 date_field: str) -> RecordFacts:
    subjects = set()
    for kind, fields in retained.subject_fields.items():
        for name in fields:
            value = document.get(name)
            for ref in value if isinstance(value, list) else [value]:
                if ref and ref != ERASED:
                    subjects.add(f"{kind}:{ref}")
    team = document.get(retained.team_field) if retained.team_field else None
    return RecordFacts(kind=retained.kind, counted_from=counted_date(document.get(date_field)),
                       subjects=frozenset(subjects), team_id=team)


def blanked(document: Mapping[str, Any], paths: Sequence[str]) -> dict[str, Any]:
    """The top-level fields to $set so that every path (through lists) reads "[erased]"."""
    changes: dict[str, Any] = {}
    for path in paths:
        top, _, rest = path.partition(".")
        if top not in document or document[top] is None:
            continue
        base = changes.get(top, document[top])
        changes[top] = _blank(base, rest.split(".") if rest else [])
    return changes


def _marked_blanked(document: Mapping[str, Any], figures_stay: bool) -> dict[str, Any]:
    """The top-level fields that change once whatever the schemas mark is blanked in them;
    where figures must stay, not the names that are categories elsewhere (complaints'
    themes, a checklist's answers), which the figures count."""
    fields = {k: v for k, v in document.items() if k != "_id"}
    names = MARKED_NAMES if figures_stay else EVERY_MARKED_NAME
    return {k: v for k, v in blank_named(fields, names).items() if v != document[k]}


def _blank(value: Any, path: list[str]) -> Any:
    if value is None:
        return None
    if isinstance(value, list):
        return [_blank(item, path) for item in value]
    if not path:
        return ERASED
    if isinstance(value, dict) and path[0] in value:
        return {**value, path[0]: _blank(value[path[0]], path[1:])}
    return value
