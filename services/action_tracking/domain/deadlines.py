"""Every deadline, one rule: a due date becomes a due moment (the end of that day in
England), with a due-soon moment some working days before and an escalation moment some
working days after. Alerts have ids derived from what they are about and the due moment,
so raising one twice (restart, replay, a second instance) gives the same id."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from shared.england_time import ENGLAND, england_day, start_of_day
from shared.envelope import derived_id
from shared.workdays import add_working_days, is_working_day, working_days_between

ORDER = ("due_soon", "overdue", "escalated")


@dataclass(frozen=True)
class Rule:
    due_soon_working_days: int = 2
    escalate_after_working_days: int = 3


def due_moment(due_on: date) -> datetime:
    """The end of the due day, in England: overdue from the first moment after it."""
    return start_of_day(due_on + timedelta(days=1))


def moments(due_on: date, rule: Rule) -> dict[str, datetime]:
    return {
        "due_soon": start_of_day(add_working_days(due_on, -rule.due_soon_working_days)),
        "overdue": due_moment(due_on),
        "escalated": due_moment(add_working_days(due_on, rule.escalate_after_working_days)),
    }


def deadline_id(about: str, about_id: str) -> str:
    return derived_id("deadline", about, about_id)


def alert_id(kind: str, deadline: str, due_at: datetime) -> str:
    return derived_id("alert", kind, deadline, due_at.isoformat())


def urgent_alert_id(kind: str, about_id: str) -> str:
    return derived_id("alert", kind, about_id)


def working_days_overdue(due_on: date, now: datetime) -> int:
    return max(0, working_days_between(due_on, england_day(now)))


@dataclass
class Plan:
    """Which alerts of one deadline are still to come, and which fall due now."""

    moments: dict[str, datetime]
    done: set[str] = field(default_factory=set)  # raised or skipped

    def next_at(self) -> datetime | None:
        pending = [self.moments[k] for k in ORDER if k in self.moments and k not in self.done]
        return min(pending) if pending else None

    def due(self, now: datetime) -> tuple[list[str], list[str]]:
        """(kinds to raise now, kinds to skip). Due soon is pointless once overdue."""
        ready = [k for k in ORDER
                 if k in self.moments and k not in self.done and self.moments[k] <= now]
        skip = ["due_soon"] if "due_soon" in ready and "overdue" in ready else []
        return [k for k in ready if k not in skip], skip

    def quiet_until(self, moment: datetime) -> None:
        """A record of the past: nothing already due when it was recorded is alerted."""
        self.done |= {k for k in ORDER if k in self.moments and self.moments[k] <= moment}


WORKING_HOURS = (time(9), time(17))  # a working day in England, for acknowledgements


def add_working_hours(start: datetime, hours: float) -> datetime:
    """`hours` of working time after `start` (09:00-17:00 on England's working days): an
    urgent alert raised on a Friday evening is due to be acknowledged on Monday."""
    remaining = timedelta(hours=hours)
    day = england_day(start)
    moment = start.astimezone(ENGLAND)
    while True:
        opens = datetime.combine(day, WORKING_HOURS[0], tzinfo=ENGLAND)
        closes = datetime.combine(day, WORKING_HOURS[1], tzinfo=ENGLAND)
        if is_working_day(day) and moment < closes:
            begin = max(moment, opens)
            if begin + remaining <= closes:
                return begin + remaining
            remaining -= closes - begin
        day += timedelta(days=1)
        moment = start_of_day(day)


def acknowledgement_moments(acknowledge_by: datetime) -> dict[str, datetime]:
    """An urgent action's acknowledgement has one alert moment: escalation."""
    return {"escalated": acknowledge_by}
