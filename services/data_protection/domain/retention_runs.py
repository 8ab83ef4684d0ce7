"""The retention job's runs (pure): what one run asked of each service, what each answered,
and the event that records it with counts only.

A run applies the schedule for one day (`today`) with the holds in force when it started.
A service that did not answer, or refused, is recorded as such with the reason; a real run
asks it again (same run, same day, with the holds in force when it asks: one set meanwhile
is honoured) until it answers, so no service's expired records wait a day for the next run.
A dry run is not asked again: the officer runs another."""

from __future__ import annotations

import uuid
from datetime import date, datetime, time
from typing import Any

from schemas.retention import KindRetained, RecordKind, RetentionRunRecorded, ServiceRetained
from shared.england_time import ENGLAND

SCHEDULED_BY = "the daily schedule"


def daily_run_id(today: date) -> str:
    """One scheduled run a day, whichever instance starts it (a second one is refused)."""
    return str(uuid.uuid5(uuid.NAMESPACE_URL, f"qa-retention:{today.isoformat()}"))


def daily_run_due(now: datetime, at: time) -> bool:
    """Whether England's clock has passed the run's hour today (the day is England's too)."""
    return now.astimezone(ENGLAND).time() >= at


def new_run(*, run_id: str, today: date, dry_run: bool, requested_by: str, at: datetime,
            services: list[str], holds: list[dict[str, Any]]) -> dict[str, Any]:
    return {"_id": run_id, "run_id": run_id, "today": today.isoformat(), "dry_run": dry_run,
            "requested_by": requested_by, "started_at": at.isoformat(), "finished_at": None,
            "holds": [{k: h.get(k) for k in ("hold_id", "reason", "set_by")} for h in holds],
            "services": {s: {"answered": False, "attempts": 0, "error": None, "kinds": {}}
                         for s in services}}


def answered(kinds: dict[str, Any]) -> dict[str, Any]:
    return {"answered": True, "error": None, "kinds": kinds}


def failed(error: str) -> dict[str, Any]:
    return {"answered": False, "error": error}


def pending(run: dict[str, Any]) -> list[str]:
    return sorted(s for s, done in run["services"].items() if not done["answered"])


def is_finished(run: dict[str, Any]) -> bool:
    return not pending(run)


def kept_by_holds(run: dict[str, Any]) -> dict[str, int]:
    """How many expired records each hold kept, over every service and kind."""
    kept: dict[str, int] = {}
    for service in run["services"].values():
        for outcome in service.get("kinds", {}).values():
            for hold_id, count in outcome.get("held_by", {}).items():
                kept[hold_id] = kept.get(hold_id, 0) + count
    return kept


def totals(run: dict[str, Any]) -> dict[str, int]:
    sums = {"expired": 0, "held": 0, "disposed": 0}
    for service in run["services"].values():
        for outcome in service.get("kinds", {}).values():
            for name in sums:
                sums[name] += int(outcome.get(name, 0))
    return sums


def recorded(run: dict[str, Any], *, at: datetime) -> RetentionRunRecorded:
    """The run's event: counts by service and kind, never an id of a record or a person's."""
    return RetentionRunRecorded(
        run_id=run["_id"], dry_run=run["dry_run"], today=date.fromisoformat(run["today"]),
        started_at=datetime.fromisoformat(run["started_at"]), finished_at=at,
        services=[ServiceRetained(service=name, answered=done["answered"], kinds=[
            KindRetained(kind=RecordKind(kind), disposal=o["disposal"], expired=o["expired"],
                         held=o["held"], disposed=o["disposed"])
            for kind, o in sorted(done.get("kinds", {}).items())])
            for name, done in sorted(run["services"].items())])
