"""The demo year's Learn stage, part two (pure; reproducible from the run): the learning and
development programme made from findings, escalated themes and good practice, its sessions
and who attended; the annual staff survey of the year before and this year, answered by a
good share of staff; the head of quality's lessons for each half-year's staff briefing
sheet. From a generator of its own. Everything is obviously fictional."""

from __future__ import annotations

import random
from datetime import date, timedelta

from shared.england_time import england_today

from .data import GOOD_PRACTICE, Population
from .review_data import HEADLINES, THEMES

SURVEY_STATEMENTS = ["Fictional: I receive regular, reflective supervision",
                     "Fictional: audits of my cases help me improve my practice",
                     "Fictional: I know what the service learned from complaints",
                     "Fictional: my workload lets me spend time with children",
                     "Fictional: I can find training that fits my development needs"]
NEW_STATEMENT = "Fictional: learning circles help stuck plans move on"  # this year only
LESSONS = ["Fictional: families told us they want to know who their new worker is before a "
           "case moves",
           "Fictional: children valued being asked how they wanted to be contacted",
           "Fictional: letters in plain words led to fewer complaints about plans",
           "Fictional: compliments most often named a worker who kept their promises",
           "Fictional: a phone call before a visit is changed avoids many complaints"]


class LearnProgramme:
    def __init__(self, people: Population, run_id: str, months: list[str], *,
                 tag: str = "", today: date | None = None) -> None:
        self.people, self.months, self.tag = people, months, tag
        self.rng = random.Random(f"learn-programme-{run_id}")
        self.today = today or england_today()

    # -- the learning and development programme -------------------------------------------

    def items(self) -> list[dict]:
        """One item from each source, each for a team, an area or the whole service."""
        rng, teams = self.rng, self.people.teams
        areas = sorted(set(self.people.area_of.values()))
        theme = rng.choice(THEMES)[0]
        made = [("Workshop on plans with timescales", "finding", self.months[0],
                 rng.choice(HEADLINES), {"scope": "service"}),
                ("Direct work that changes things for children", "good_practice", "",
                 rng.choice(GOOD_PRACTICE), {"scope": "team", "team_id": rng.choice(teams)}),
                ("Working with partners on health assessments", "escalated_theme", "", theme,
                 {"scope": "area", "area": areas[0]} if areas else {"scope": "service"}),
                ("Analysis in assessments: a coaching series", "learning_need", "analysis",
                 "Fictional: moderation found analysis the weakest judgement",
                 {"scope": "team", "team_id": rng.choice(teams)})]
        return [{"title": f"Fictional L&D: {title}{self.tag}",
                 "source": {"kind": kind, "ref": ref, "text": text}, **target}
                for title, kind, ref, text, target in made]

    def sessions(self, item: dict) -> list[dict]:
        """Two sessions: one a few months into the year, one later (delivered only once its
        day has passed)."""
        first = self.months[min(len(self.months) - 1, self.rng.randint(1, 4))]
        on = date.fromisoformat(f"{first}-{self.rng.randint(5, 25):02d}")
        later = on + timedelta(days=self.rng.choice([70, 120, 400]))
        return [{"title": f"{item['title']}: session {n}", "scheduled_for": str(day)}
                for n, day in enumerate((on, later), 1)]

    def attendees(self, item: dict) -> list[str]:
        """Most of the target team, area or service's practitioners and managers."""
        people = self.people
        if item["scope"] == "team":
            teams = [item["team_id"]]
        elif item["scope"] == "area":
            teams = [t for t, a in people.area_of.items() if a == item["area"]]
        else:
            teams = people.teams
        staff = [p for t in teams for p in (people.managers[t], people.deputies[t],
                                            *people.workers[t])]
        return sorted(self.rng.sample(staff, max(1, round(len(staff) * (
            0.7 if item["scope"] == "team" else 0.25)))))

    # -- the staff survey ------------------------------------------------------------------

    def survey_years(self) -> list[int]:
        return [self.today.year - 1, self.today.year]

    def questions(self, year: int) -> dict:
        extra = [NEW_STATEMENT] if year == self.today.year else []
        return {"title": f"Fictional annual staff survey {year}",
                "questions": [*SURVEY_STATEMENTS, *extra]}

    def respondents(self, year: int) -> list[tuple[str, str, str]]:
        """(person, role, team) of a good share of staff: about 55% the year before and
        65% this year."""
        people, share = self.people, 0.65 if year == self.today.year else 0.55
        staff = [(p, role, t) for t in people.teams for p, role in (
            (people.managers[t], "team_manager"), (people.deputies[t], "team_manager"),
            *((w, "social_worker") for w in people.workers[t]))]
        return [who for who in staff if self.rng.random() < share]

    def ratings(self, year: int, questions: list[dict]) -> dict[str, int]:
        """Mostly agree, a little more this year than the year before."""
        weights = [6, 14, 25, 38, 17] if year < self.today.year else [4, 11, 24, 41, 20]
        return {q["id"]: self.rng.choices([1, 2, 3, 4, 5], weights)[0] for q in questions}

    # -- the staff briefing sheet ----------------------------------------------------------

    def halves(self) -> list[str]:
        """Every half-year the demo year touches, up to this one."""
        found = []
        for month in self.months:
            half = f"{month[:4]}-H{1 if int(month[5:]) <= 6 else 2}"
            if half not in found:
                found.append(half)
        return found

    def lessons(self) -> dict:
        return {"lessons": self.rng.sample(LESSONS, 3)}
