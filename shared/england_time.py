"""Times as people in England read them (issue 11): storage, events and APIs keep UTC
ISO-8601; pages, PDFs, CSV and Excel exports and alerts show Europe/London (GMT in winter,
BST in summer), labelled, because an hour's difference around midnight changes the day.

One place for it: the pages' `local_time` and `local_date` filters (shared/web/pages.py) and
the exporters call these; so do the services wherever a moment becomes a day or a month
("today", "completed on", "the month raised"), so that the hour after midnight in summer
is not yesterday's."""

from __future__ import annotations

from datetime import UTC, date, datetime, time
from zoneinfo import ZoneInfo

ENGLAND = ZoneInfo("Europe/London")


def in_england(value: datetime | str | None) -> datetime | None:
    """The moment in England's time zone. Strings are ISO-8601 (a trailing Z allowed); a
    value without a zone is UTC, as the store and the events keep every moment."""
    if value is None or value == "":
        return None
    moment = datetime.fromisoformat(value.replace("Z", "+00:00")) if isinstance(value, str) \
        else value
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(ENGLAND)


def england_day(moment: datetime) -> date:
    """The day a moment falls on in England. Days and months are counted as people here
    live them: an action completed at 00:30 BST on 1 August was completed in August,
    although it was still 31 July in UTC."""
    zoned = moment if moment.tzinfo else moment.replace(tzinfo=UTC)
    return zoned.astimezone(ENGLAND).date()


def start_of_day(day: date) -> datetime:
    """Midnight at the start of a day in England (BST or GMT as the day has it)."""
    return datetime.combine(day, time(0), tzinfo=ENGLAND)


def england_today() -> date:
    """Today in England (for a service's own clock, `england_day(clock.now())`)."""
    return england_day(datetime.now(UTC))


def england_month(moment: datetime | None = None) -> str:
    """The month ('2026-08') a moment falls in, in England; this month by default."""
    return (england_day(moment) if moment else england_today()).strftime("%Y-%m")


def england_time(value: datetime | str | None) -> str:
    """'2026-03-29 at 02:30 BST': the date, the time and which of GMT or BST it is in."""
    moment = in_england(value)
    return f"{moment:%Y-%m-%d at %H:%M} {moment.tzname()}" if moment else ""


def england_date(value: datetime | date | str | None) -> str:
    """The day it was in England ('2026-03-29'). A date, or an ISO date without a time, is
    already a day and is shown as it is."""
    if isinstance(value, date) and not isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, str) and len(value) == 10:
        return value
    moment = in_england(value)
    return moment.date().isoformat() if moment else ""


def as_shown(value: object) -> object:
    """A value for a page, export or document: a moment becomes its England time (labelled);
    anything else, dates included, is left as it is. The exporters pass every cell through."""
    return england_time(value) if isinstance(value, datetime) else value
