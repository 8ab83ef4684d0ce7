"""The demo year's Review stage (pure; reproducible from the run): when each team's
performance clinic and each QA Forum is held, and the bodies learning's API takes for them
and for the monthly findings. From a generator of its own, so the rest of the year is
unchanged. Everything is obviously fictional ("Fictional …")."""

from __future__ import annotations

import random
from datetime import date, timedelta

from shared.england_time import england_today
from shared.months import shift

from .data import HEAD_OF_QUALITY, Population

FORUM_GUEST = "demo-guest-student-01"  # a social work student, invited as a guest
PRIORITIES = ["Fictional: every child seen alone and their words recorded",
              "Fictional: plans with outcomes a family can follow",
              "Fictional: supervision recorded within four weeks",
              "Fictional: chronologies kept up to date",
              "Fictional: management oversight on every case transfer",
              "Fictional: visits within timescales for children on plans"]
SESSIONS = ["Fictional learning session: analysis in assessments",
            "Fictional learning session: the voice of the child",
            "Fictional learning session: SMART plans"]
COACHING = ["Fictional: coaching from a consultant social worker on direct work",
            "Fictional: coaching from the principal social worker on reflective supervision"]
THEMES = [("Fictional: waiting times for the partner health assessment", "partners"),
          ("Fictional: placement sufficiency for older children", "senior_managers"),
          ("Fictional: interpreter availability for family meetings", "council")]
OUTCOMES = ["met", "met", "partly_met", "not_met", "dropped"]
DECISIONS = ["Fictional decision: the team reviews every plan due this quarter",
             "Fictional decision: case transfers wait for a manager's summary",
             "Fictional decision: the learning session is open to the whole service"]
FORUM_DECISIONS = ["Fictional decision: the service adopts a single chronology template",
                   "Fictional decision: the practice learning team runs a briefing on "
                   "the month's weakest standard",
                   "Fictional decision: report the dip sample's findings to the Joint "
                   "Leadership Team"]
HEADLINES = ["Fictional: the child's voice is clear in most audits",
             "Fictional: plans too often lack timescales",
             "Fictional: management oversight is visible but brief",
             "Fictional: chronologies are missing on transferred cases"]
RECOMMENDATIONS = ["Fictional recommendation: a practice week on planning",
                   "Fictional recommendation: share two outstanding audits with every team",
                   "Fictional recommendation: dip sample supervision records next quarter"]


def meeting_day(month: str, rng: random.Random) -> date:
    return date.fromisoformat(f"{month}-{rng.randint(8, 22):02d}")


def months_on(day: date, months: int) -> date:
    """The same day `months` later (meeting days are the 8th to the 22nd: every month has
    them), so a clinic 6 months after the last is on time and one 7 months after is late."""
    return date.fromisoformat(f"{shift(day.strftime('%Y-%m'), months)}-{day.day:02d}")


class Review:
    """A QA Forum each quarter (from the second month), a clinic for every team every 3 to
    6 months (now and then 7: a late one), the monthly findings."""

    def __init__(self, people: Population, run_id: str, months: list[str], *,
                 tag: str = "") -> None:
        """`tag`: added to the Forums' titles, so that demos of other teams in one store
        (the tests') each hold their own."""
        self.people, self.months, self.tag = people, months, tag
        self.rng = random.Random(f"review-{run_id}")
        self.today = england_today()
        self.clinic_months: dict[str, list[str]] = {}
        for i, team in enumerate(people.teams):
            at, held = i % min(3, len(months)), []
            while at < len(months):
                held.append(months[at])
                at += self.rng.choice([3, 4, 4, 5, 6, 6, 7] if held else [3])
            self.clinic_months[team] = held
        self.forum_months = [m for n, m in enumerate(months) if n % 3 == 1 or len(months) == 1]
        self.forum_day = self.rng.randint(8, 22)  # the same day each quarter: on time

    def forum_on(self, month: str) -> date:
        return date.fromisoformat(f"{month}-{self.forum_day:02d}")

    def next_clinic_on(self, team: str, month: str, held_on: date) -> date:
        """When the clinic after this month's is planned: in the team's next clinic month of
        the year, else 3 to 6 months on (past the year: still planned); the same day."""
        later = [m for m in self.clinic_months[team] if m > month]
        months = (self.months.index(later[0]) - self.months.index(month) if later
                  else self.rng.choice([3, 4, 5, 6]))
        return months_on(held_on, months)

    def clinic(self, team: str, month: str, on: date) -> dict:
        name = self.people.team_names[team]
        return {"kind": "performance_clinic", "title": f"Performance clinic, {name}, {month}",
                "team_id": team, "scheduled_for": str(on),
                "chair_id": self.people.managers[team],
                "invited_ids": [self.people.deputies[team], *self.people.workers[team][:4]],
                "pack": {"report": "performance_clinic", "period_from": shift(month, -2),
                         "period_to": month, "filters": {"team_id": team}}}

    def clinic_held(self, team: str, on: date) -> dict:
        workers = self.rng.sample(self.people.workers[team], min(3, len(
            self.people.workers[team])))
        return {"held_on": str(on), "attendee_ids": [self.people.managers[team],
                                                       self.people.deputies[team], *workers]}

    def clinic_minutes(self, team: str, on: date, carried: list[dict], *,
                       theme_n: int) -> dict:
        """Agreed priorities, what became of the carried ones, a learning session, now and
        then coaching, a person needing support and a theme escalated; an action for the
        deputy at a team's first clinic and most later ones."""
        rng = self.rng
        clinic: dict = {
            "priorities": rng.sample(PRIORITIES, 2),
            "priority_outcomes": [{"priority_id": p["priority_id"], "outcome": rng.choice(
                OUTCOMES), "note": "Fictional note on what changed."} for p in carried],
            "learning_sessions": [rng.choice(SESSIONS)],
            "coaching_requested": [rng.choice(COACHING)] if rng.random() < 0.5 else []}
        if rng.random() < 0.25:
            text, to = rng.choice(THEMES)
            clinic["escalated_themes"] = [{"theme_id": f"theme-{theme_n}", "text": text,
                                           "to": to}]
        if rng.random() < 0.2:
            clinic["support"] = [{"person_id": rng.choice(self.people.workers[team]),
                                  "need": rng.choice(["support", "guidance", "training"]),
                                  "note": "Fictional note."}]
        actions = [{"key": "c1", "description": "Fictional clinic action: follow the agreed "
                    "priority through supervision.", "owner_id": self.people.deputies[team],
                    "due_date": str(on + timedelta(days=42))}] \
            if not carried or rng.random() < 0.6 else []
        return {"notes": "Fictional discussion of the pack: causes of good and poor practice.",
                "findings": ["Fictional finding from the team's audits."],
                "recommendations": [],
                "decisions": [rng.choice(DECISIONS)], "actions": actions, "clinic": clinic}

    def forum(self, month: str, on: date) -> dict:
        practitioners = [self.people.workers[t][0] for t in self.people.teams[:6]]
        managers = [self.people.managers[t] for t in self.people.teams[:4]]
        return {"kind": "qa_forum", "title": f"Quality Assurance Forum, {month}{self.tag}",
                "scheduled_for": str(on), "chair_id": HEAD_OF_QUALITY,
                "invited_ids": [*managers, *practitioners], "guest_ids": [FORUM_GUEST],
                "pack": {"report": "qa_forum", "period_from": shift(month, -2),
                         "period_to": month, "filters": {}}}

    def forum_held(self, on: date, invited: list[str]) -> dict:
        return {"held_on": str(on), "attendee_ids": [HEAD_OF_QUALITY, *invited],
                "guest_ids": [FORUM_GUEST]}

    def forum_minutes(self, on: date, open_themes: list[dict]) -> dict:
        """Decisions and recommendations for the JLT, an action or two for teams' deputies,
        and an answer to every theme a clinic escalated since the last Forum."""
        rng = self.rng
        owners = rng.sample(self.people.teams, min(2, len(self.people.teams)))
        return {"notes": "Fictional review of the quarter's audits, performance and feedback.",
                "findings": [rng.choice(HEADLINES)],
                "recommendations": [rng.choice(RECOMMENDATIONS)],
                "decisions": rng.sample(FORUM_DECISIONS, 2),
                "actions": [{"key": f"f{n}", "description": "Fictional Forum action: share "
                             "the learning with the team.", "owner_id": self.people.deputies[t],
                             "due_date": str(on + timedelta(days=56))}
                            for n, t in enumerate(owners, 1)],
                "answers": [{"meeting_id": t["meeting_id"], "theme_id": t["theme_id"],
                             "answer": "Fictional answer from the Forum: raised with the "
                             "service lead, who reports back next quarter."}
                            for t in open_themes]}

    def findings(self) -> dict:
        return {"headline_themes": self.rng.sample(HEADLINES, 2),
                "recommendations": [self.rng.choice(RECOMMENDATIONS)]}

    def findings_signoffs(self) -> list[tuple[str, dict]]:
        """A member of each audit group: (who, body); one in five comments."""
        signed = []
        for group in (1, 2, 3):
            members = self.people.groups.get(group) or []
            if not members:
                continue
            body = ({"verdict": "comment", "comment": "Fictional comment: agree, with more "
                     "on the dip sample next month."} if self.rng.random() < 0.2
                    else {"verdict": "agree"})
            signed.append((self.rng.choice(members), body))
        return signed
