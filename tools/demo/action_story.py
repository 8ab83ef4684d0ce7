"""What became of each improvement action the demo's audits raise (pure; from a generator of
its own per action, so the rest of the demo year draws as before).

Most actions due by now were completed with evidence and confirmed by the team manager; some
were completed late; some had a new date agreed, with a reason, and were met by it (still
late against the original); a few are open past their due date; those not yet due are open,
some with progress. Every step is stamped in the past, after the one before it, and never
before the action was raised: action tracking refuses anything else."""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta

IN_TIME, LATE, NEW_DATE, AWAITING, OVERDUE, NOT_YET_DUE = (
    "completed in time", "completed late", "new date agreed", "awaiting confirmation",
    "overdue", "not yet due")
# Of the actions due by now: (outcome, share).
OUTCOMES = [(IN_TIME, 0.62), (LATE, 0.12), (NEW_DATE, 0.12), (AWAITING, 0.06), (OVERDUE, 0.08)]
REASONS = ["Fictional: the family were away for three weeks.",
           "Fictional: the school's core group date moved.",
           "Fictional: the worker was on leave; agreed in supervision.",
           "Fictional: waiting for the health visitor's report."]
EVIDENCE = ["Fictional: the updated plan is on the record.",
            "Fictional: the child's words are in the assessment.",
            "Fictional: the core group minutes show it was done.",
            "Fictional: the chronology now covers the last six months."]


@dataclass(frozen=True)
class Step:
    change: str  # the action's endpoint: progress, due-date, complete, confirm
    by: str  # "owner" or "manager" (the team manager: confirms, agrees new dates)
    at: datetime
    body: dict = field(default_factory=dict)


@dataclass
class Story:
    outcome: str
    steps: list[Step]


def generator_for(seed: int, action_id: str) -> random.Random:
    """Each action's own: what became of one does not depend on the order they are read in."""
    return random.Random(f"action-story-{seed}-{action_id}")


def story_of(rng: random.Random, *, raised_at: datetime, due: date, now: datetime) -> Story:
    """The steps one action takes between `raised_at` and `now` (both UTC)."""
    clock = Clock(rng, raised_at, now)
    if due >= now.date():
        steps = [clock.step("progress", "owner", clock.before(due), note=True)] \
            if rng.random() < 0.5 else []
        return Story(NOT_YET_DUE, [s for s in steps if s])
    outcome = rng.choices([o for o, _ in OUTCOMES], [w for _, w in OUTCOMES])[0]
    steps: list[Step | None] = []
    if outcome == OVERDUE:
        if rng.random() < 0.5:
            steps.append(clock.step("progress", "owner", clock.before(due), note=True))
    elif outcome == NEW_DATE:
        agreed_on = clock.before(due)
        new_due = due + timedelta(days=rng.choice([14, 21, 28]))
        steps.append(clock.step("due-date", "manager", agreed_on, due_date=str(new_due),
                                reason=rng.choice(REASONS)))
        if new_due < now.date():  # met by the agreed date: late against the original
            steps += clock.completed(due + timedelta(days=1), new_due, confirm=True)
    else:
        first, last = ((due + timedelta(days=3), due + timedelta(days=30)) if outcome == LATE
                       else (raised_at.date() + timedelta(days=3), due))
        steps += clock.completed(first, last, confirm=outcome != AWAITING)
    done = [s for s in steps if s]
    if outcome in (IN_TIME, LATE, AWAITING) and not any(s.change == "complete" for s in done):
        outcome = OVERDUE  # it fell due too lately for its completion to have come yet
    return Story(outcome, done)


class Clock:
    """Moments in working hours, each after the last and none after `now`."""

    def __init__(self, rng: random.Random, raised_at: datetime, now: datetime) -> None:
        self.rng, self.last, self.now = rng, raised_at, now - timedelta(minutes=5)

    def before(self, day: date) -> date:
        """A day between the last step and `day`, towards the end."""
        first = max(self.last.date() + timedelta(days=1), day - timedelta(days=14))
        return first + timedelta(days=self.rng.randint(0, max(0, (day - first).days)))

    def step(self, change: str, by: str, day: date, *, note: bool = False,
             **body: str) -> Step | None:
        """The step on `day` (or just after the last one), None if that is not yet past."""
        moment = datetime.combine(day, time(self.rng.randint(9, 16), self.rng.randint(0, 59)),
                                  UTC)
        moment = max(moment, self.last + timedelta(minutes=30))
        if moment > self.now:
            return None
        self.last = moment
        if note:
            body["note"] = "Fictional: started; the first visit is booked."
        return Step(change, by, moment, body)

    def completed(self, first: date, last: date, *, confirm: bool) -> list[Step | None]:
        day = first + timedelta(days=self.rng.randint(0, max(0, (last - first).days)))
        done = self.step("complete", "owner", day, evidence=self.rng.choice(EVIDENCE))
        if done is None or not confirm:
            return [done]
        confirmed = self.step("confirm", "manager",
                              day + timedelta(days=self.rng.randint(1, 10)),
                              note="Fictional: checked the record with the worker.")
        return [done, confirmed]
