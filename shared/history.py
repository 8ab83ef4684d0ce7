"""History loaded afterwards: a fact recorded now but stamped with when it in fact happened
(an audit submitted in March, an action completed in April), so figures by month tell what
happened then rather than the day the history was typed in.

Only a role that loads history may stamp a fact in the past: otherwise anyone could make a
late completion look on time. A stamp is never in the future, nor before what it follows
(an action's completion before it was raised would make its history impossible to read).
The envelope's `occurred_at` stays the moment the fact was recorded: consumers order events
by it, so a back-dated fact must not jump ahead of what was recorded before it."""

from __future__ import annotations

from datetime import UTC, datetime

from shared.auth.roles import Principal, Role

HISTORY_LOADERS = frozenset({Role.ADMIN})


class NotAHistoryLoader(PermissionError):
    """403: this person's roles do not include one that may load history."""


class BadRecordedMoment(ValueError):
    """422 on the moment's field: in the future, or before what it follows."""


def as_utc(moment: datetime) -> datetime:
    """A moment without a zone is read as UTC, as events and the store keep every moment."""
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


def shown(moment: datetime) -> str:
    return as_utc(moment).strftime("%d/%m/%Y %H:%M UTC")


def recorded_moment(who: Principal, at: datetime, *, now: datetime,
                    not_before: datetime | None = None, what_before: str = "") -> datetime:
    """`at` in UTC if this person may stamp a fact with it; NotAHistoryLoader or
    BadRecordedMoment (saying what was wrong, for the field) if not."""
    if not who.has_any(HISTORY_LOADERS):
        raise NotAHistoryLoader(
            "a moment in the past is only for loading history: requires one of: "
            + ", ".join(sorted(HISTORY_LOADERS)))
    at = as_utc(at)
    if at > as_utc(now):
        raise BadRecordedMoment(f"{shown(at)} is in the future; give the moment it happened "
                                f"(no later than {shown(now)})")
    if not_before is not None and at < as_utc(not_before):
        raise BadRecordedMoment(f"{shown(at)} is before {what_before} ({shown(not_before)})")
    return at
