"""The demo year's Learn stage, part one (pure; reproducible from the run): the children on
the case list with their child protection plans, the learning circles held for the 'stuck'
core groups every 8 weeks, supervision sessions after audits, the practice learning team's
reviews, annual reviews of observations and the workers on ASYE. From a generator of its
own, so the rest of the year is unchanged. Everything is obviously fictional."""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, timedelta

from shared.england_time import england_today
from shared.months import last_day, shift

from .data import Population

CIRCLE_EVERY = timedelta(weeks=8)
STUCK_AFTER_MONTHS = 18
CASE_LIST_HEADER = ("case_ref,team_id,category,social_worker_id,cp_plan_start_date,"
                    "cp_plan_number,cp_plan_end_date")
CIRCLE_LEARNING = ["Fictional: the family's own plan was clearer than ours",
                   "Fictional: the school saw progress the core group had missed",
                   "Fictional: the same concern was repeated at every core group without a "
                   "change in the plan",
                   "Fictional: the father had never been invited to the core group"]
AGREED = ["Fictional: the chronology is brought up to date before the next visit",
          "Fictional: the child's words are quoted in the next review",
          "Fictional: the plan's outcomes are rewritten with the family",
          "Fictional: a reflective discussion of the audit's feedback at the team meeting"]
NEXT_STEPS = ["Fictional next step: act on the audit's feedback and bring it to the next "
              "supervision.",
              "Fictional next step: complete the direct work the audit found missing.",
              "Fictional next step: share the audit's good practice at the team meeting."]
PLT_NOTES = ["Fictional: good analysis; offered to the worker's team as an example.",
             "Fictional: the child's voice is thin; coaching on direct work offered.",
             "Fictional: shared with the worker's manager for supervision."]


@dataclass(frozen=True)
class Child:
    case_ref: str
    team: str
    category: str
    plan_start: date | None = None
    plan_number: int | None = None

    def qualifies(self, on: date) -> bool:
        """Proposed for a circle on `on` (as learning's rule): on a second or later plan, or
        on a plan for 18 months or more."""
        if self.plan_start is None or self.plan_start > on:
            return False
        stuck_from = _months_on(self.plan_start, STUCK_AFTER_MONTHS)
        return (self.plan_number or 1) >= 2 or on >= stuck_from


@dataclass(frozen=True)
class Audited:
    audit_id: str
    month: str
    team: str
    worker: str
    submitted_on: date


def _months_on(day: date, months: int) -> date:
    """The same day `months` later, or that month's last day when it has none."""
    month = shift(day.strftime("%Y-%m"), months)
    return min(last_day(month), date.fromisoformat(f"{month}-01") + timedelta(days=day.day - 1))


class LearnCases:
    """Ten children a team: five on child protection plans (one on a plan for 18 months or
    more, one on a second plan, the rest mostly newer plans), three in need, two looked
    after; a circle every 8 weeks for a child who qualifies that day."""

    def __init__(self, people: Population, run_id: str, months: list[str], *,
                 today: date | None = None) -> None:
        self.people, self.months = people, months
        self.rng = random.Random(f"learn-{run_id}")
        self.today = today or england_today()
        self.children = [c for team in people.teams for c in self._children(team)]

    def _children(self, team: str) -> list[Child]:
        rng, ago = self.rng, lambda days: self.today - timedelta(days=days)
        plans = [(ago(rng.randint(560, 900)), 1), (ago(rng.randint(90, 420)), 2)]
        plans += [(ago(rng.randint(560, 700)), 1) if rng.random() < 0.1
                  else (ago(rng.randint(30, 450)), 1) for _ in range(3)]
        children = [Child(f"DEMO-CHILD-{team}-{n:02d}", team, "CP", start, number)
                    for n, (start, number) in enumerate(plans, 1)]
        return children + [Child(f"DEMO-CHILD-{team}-{n:02d}", team, category) for n, category
                           in enumerate(["CIN", "CIN", "CIN", "LAC", "LAC"], 6)]

    def case_list(self, month: str) -> str:
        """The month's case list: every child, a plan's columns for one on a plan (a plan
        not started by the month's end is not listed yet)."""
        end, rows = last_day(month), [CASE_LIST_HEADER]
        for child in self.children:
            if child.plan_start and child.plan_start > end:
                continue
            worker = self.people.workers[child.team][hash_index(child.case_ref,
                                                                self.people.workers[child.team])]
            plan = (f"{child.plan_start},{child.plan_number}," if child.plan_start else ",,")
            rows.append(f"{child.case_ref},{child.team},{child.category},{worker},{plan}")
        return "\n".join(rows) + "\n"

    def circles(self) -> list[dict]:
        """A circle every 8 weeks from the year's first month, each for the child longest on
        a plan among those who qualify that day and have had none."""
        held, circled = [], set()
        on = date.fromisoformat(f"{self.months[0]}-{self.rng.randint(8, 20):02d}")
        while on <= self.today:
            waiting = sorted((c for c in self.children
                              if c.case_ref not in circled and c.qualifies(on)),
                             key=lambda c: (c.plan_start, c.case_ref))
            if waiting:
                circled.add(waiting[0].case_ref)
                held.append(self.circle(waiting[0], on))
            on += CIRCLE_EVERY
        return held

    def circle(self, child: Child, on: date) -> dict:
        team = child.team
        return {"held_on": str(on), "case_ref": child.case_ref, "team_id": team,
                "core_group": "Fictional core group: parents, school, health visitor and the "
                              "social worker",
                "attendees": ["Social worker", "Team manager", "Fictional school lead",
                              "Fictional health visitor", "Practice educator (facilitator)"],
                "learning": self.rng.sample(CIRCLE_LEARNING, 2),
                "actions": [{"key": "c1", "description": "Fictional circle action: revise the "
                             "plan with the family and the school.",
                             "owner_id": self.people.deputies[team],
                             "due_date": str(on + timedelta(days=42))}]}

    def supervised(self, audits: list[Audited]) -> list[Audited]:
        """About one audit in ten a month (at least one) is discussed in supervision; the
        first of each month from the team whose turn it is, so every team manager has held
        sessions (by chance alone a team could have none all year)."""
        chosen = []
        teams = sorted({a.team for a in audits})
        for n, month in enumerate(self.months):
            of_month = [a for a in audits if a.month == month]
            if not of_month:
                continue
            turn = [a for a in of_month if a.team == teams[n % len(teams)]]
            first = self.rng.choice(turn or of_month)
            rest = [a for a in of_month if a is not first]
            chosen += [first, *self.rng.sample(rest, max(0, round(len(of_month) / 10) - 1))]
        return chosen

    def supervision(self, audit: Audited) -> dict:
        """The worker's line manager a few days after the audit: the audit discussed, two
        points agreed, a next step for the worker four weeks on."""
        on = min(audit.submitted_on + timedelta(days=self.rng.randint(3, 12)), self.today)
        return {"supervisee_id": audit.worker, "held_on": str(on),
                "discussed": [{"kind": "audit", "id": audit.audit_id}],
                "agreed": self.rng.sample(AGREED, 2),
                "actions": [{"key": "s1", "description": self.rng.choice(NEXT_STEPS),
                             "owner_id": audit.worker,
                             "due_date": str(on + timedelta(days=28))}]}

    def manager_supervisions(self, audits: list[Audited]) -> list[tuple[str, str, dict]]:
        """Each quarter each head of service supervises one of their team managers, talking
        through an audit of that team (copied to the manager): (head, team, body)."""
        sessions = []
        for month in self.months[::3]:
            for area, head in self.people.heads_of_service.items():
                teams = [t for t, a in self.people.area_of.items() if a == area]
                team = self.rng.choice(teams)
                of_team = [a for a in audits if a.month == month and a.team == team]
                manager = self.people.managers[team]
                on = min(date.fromisoformat(f"{month}-{self.rng.randint(20, 28)}"), self.today)
                sessions.append((head, team, {
                    "supervisee_id": manager, "held_on": str(on),
                    "discussed": [{"kind": "audit", "id": a.audit_id} for a in of_team[:1]],
                    "agreed": ["Fictional: the team's audit grades are reviewed at the next "
                               "performance clinic", self.rng.choice(AGREED)],
                    "actions": [{"key": "m1", "description": "Fictional next step: a team "
                                 "learning session on the month's weakest standard.",
                                 "owner_id": manager,
                                 "due_date": str(on + timedelta(days=35))}]}))
        return sessions

    def queue_reviews(self, audits: list[Audited],
                      shared: list[str]) -> list[tuple[str, dict]]:
        """The practice learning team reviews about one audit outcome in eight and half the
        observations shared with it: (queue item id, body)."""
        items = [f"audit-{a.audit_id}" for a in audits if self.rng.random() < 0.125]
        items += [item for item in shared if self.rng.random() < 0.5]
        return [(item, {"note": self.rng.choice(PLT_NOTES)}) for item in items]

    def annual_reviews(self, observed: list[tuple[str, date]]) -> list[dict]:
        """A few workers' observations reviewed, the earliest observed first."""
        seen: dict[str, date] = {}
        for worker, on in sorted(observed, key=lambda o: o[1]):
            seen.setdefault(worker, on)
        chosen = list(seen.items())[:max(1, len(self.people.teams) // 4)]
        return [{"worker_id": worker, "reviewed_on": str(min(
                    on + timedelta(days=self.rng.randint(7, 30)), self.today)),
                 "key_learning": "Fictional: confident direct work; analysis needs depth.",
                 "workforce_actions": "Fictional: a place on the analysis workshop."}
                for worker, on in chosen]

    def asye(self) -> list[dict]:
        """A newly qualified worker in about one team in five, starting in a month of the
        year (the newest worker of the team)."""
        teams = self.rng.sample(self.people.teams, max(1, len(self.people.teams) // 5))
        return [{"person_id": self.people.workers[t][-1],
                 "started_on": f"{self.rng.choice(self.months)}-01"} for t in teams]


def hash_index(text: str, items: list) -> int:
    """A stable index (Python's hash() of a str changes between runs)."""
    return sum(map(ord, text)) % len(items)
