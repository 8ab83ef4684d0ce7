"""The demo year's synthetic people and request bodies (pure; reproducible from the seed).

Everything is obviously fictional: "Demo Worker 03-07", "DEMO-CASE-…", "Fictional …" text.
"""

from __future__ import annotations

import random
from datetime import UTC, date, datetime, time, timedelta

from shared.england_time import england_today
from shared.months import last_day

GRADES = ["outstanding", "good", "requires_improvement", "inadequate"]
WEIGHTS = [10, 50, 30, 10]
THEMES = ["timeliness", "communication", "listening to children", "planning", "contact"]
PROGRAMME_THEMES = ["Journey and impact", "Supervision", "Pathway plans", "Domestic abuse",
                    "Child protection plans", "Neglect", "Care leavers", "Permanence",
                    "Early help", "Disabled children", "Exploitation", "Voice of the child"]
HEAD_OF_QUALITY = "demo-hoq-01"  # chairs the QA Forum and writes the monthly findings
TEAMS_PER_AREA = 5  # a head of service leads an area of up to five teams
DIRECTORY_HEADER = "person_id,display_name,team_id,team_name,job_role,line_manager_id,audit_group"


class Population:
    """Teams of a manager, a deputy and social workers; managers and deputies spread over
    the three audit groups."""

    def __init__(self, teams: list[str], staff: int, *,
                 quality_team: str | None = None, leadership_team: str | None = None) -> None:
        self.teams = teams
        self.team_names = {t: f"Demo Team {i:02d}" for i, t in enumerate(teams, 1)}
        # the head of quality and the practice learning team, in a team of their own (the
        # Review and Learn stages), if given
        self.quality_team = quality_team
        self.practice_learning = [f"demo-plt-{n:02d}" for n in (1, 2)] if quality_team else []
        # heads of service (each over an area of teams) in a leadership team, if given
        self.leadership_team = leadership_team
        self.area_of = {t: f"Demo Area {i // TEAMS_PER_AREA + 1:02d}"
                        for i, t in enumerate(teams)} if leadership_team else {}
        self.heads_of_service = {area: f"demo-hos-{area[-2:]}"
                                 for area in dict.fromkeys(self.area_of.values())}
        per_team = max(1, staff // max(1, len(teams)) - 2)
        self.managers = {t: f"demo-tm-{i:02d}" for i, t in enumerate(teams, 1)}
        self.deputies = {t: f"demo-dm-{i:02d}" for i, t in enumerate(teams, 1)}
        self.workers = {t: [f"demo-sw-{i:02d}-{w:02d}" for w in range(1, per_team + 1)]
                        for i, t in enumerate(teams, 1)}
        self.groups: dict[int, list[str]] = {1: [], 2: [], 3: []}
        for i, t in enumerate(teams):
            self.groups[i % 3 + 1].append(self.managers[t])
            self.groups[(i + 1) % 3 + 1].append(self.deputies[t])

    def directory_csv(self) -> str:
        group_of = {p: g for g, people in self.groups.items() for p in people}
        rows = [DIRECTORY_HEADER]
        for i, t in enumerate(self.teams, 1):
            tm, dm = self.managers[t], self.deputies[t]
            rows.append(f"{tm},Demo Manager {i:02d},{t},{self.team_names[t]},Team manager,,"
                        f"{group_of[tm]}")
            rows.append(f"{dm},Demo Deputy {i:02d},{t},,Deputy manager,{tm},{group_of[dm]}")
            rows += [f"{w},Demo Worker {i:02d}-{n:02d},{t},,Social worker,{tm},"
                     for n, w in enumerate(self.workers[t], 1)]
        if self.quality_team:
            rows.append(f"{HEAD_OF_QUALITY},Demo Head of Quality,{self.quality_team},"
                        "Demo Quality and Learning Team,Head of quality,,")
            rows += [f"{p},Demo Practice Educator {p[-2:]},{self.quality_team},,"
                     f"Practice educator,{HEAD_OF_QUALITY}," for p in self.practice_learning]
        for n, head in enumerate(self.heads_of_service.values()):
            rows.append(f"{head},Demo Head of Service {head[-2:]},{self.leadership_team},"
                        f"{'' if n else 'Demo Service Leadership Team'},Head of service,,")
        return "\n".join(rows) + "\n"


# Improvement actions as an auditor would write them (fictional, no real child or family).
ACTION_WORDING = [
    "Update the chronology so it shows the last six months of visits (fictional).",
    "Record the child's own words from the next visit in the assessment (fictional).",
    "Hold a supervision on the plan's drift and set dates for each outcome (fictional).",
    "Invite the school and health visitor to the next core group (fictional).",
    "Complete the overdue direct work session and record what the child said (fictional).",
    "Rewrite the plan's outcomes so the family can tell when they are met (fictional).",
    "Share the assessment with the parents and record their view (fictional).",
    "Check the contact arrangements with the carers and update the plan (fictional).",
    "Add the management oversight decision and its reasons to the record (fictional).",
    "Review the risk analysis after the new referral and record the outcome (fictional).",
]

MANAGERS_TASKS = {ACTION_WORDING[2], ACTION_WORDING[8]}  # supervision, management oversight

GOOD_PRACTICE = ["Fictional: the child's own words shape the plan.",
                 "Fictional: a clear, timely chronology the family helped write.",
                 "Fictional: direct work that shows what changed for the child."]


def audit_deadline(month: str, late: bool) -> date:
    """An audit is due by the end of its month; a late one was due on the first."""
    return date.fromisoformat(f"{month}-01") if late else last_day(month)


class Bodies:
    def __init__(self, rng: random.Random, people: Population, run_id: str) -> None:
        self.rng, self.people, self.run_id = rng, people, run_id
        self.today = england_today()
        self.outcomes_rng = random.Random(f"moderation-outcomes-{run_id}")
        self.actions_rng = random.Random(f"actions-{run_id}")  # wording and due dates
        self.moments_rng = random.Random(f"submitted-{run_id}")  # when each audit was done
        self.sharing_rng = random.Random(f"shared-{run_id}")  # observations shared with the PLT

    def _until_today(self, day: date) -> str | None:
        return str(day) if day <= self.today else None  # not answered yet

    def grade(self) -> str:
        return self.rng.choices(GRADES, WEIGHTS)[0]

    def audit(self, month: str, team: str, n: int, auditors: list[str]) -> dict:
        overall = self.grade()
        self.rng.choice([-20, 10, 40, 400])  # kept: the rest of the year draws as before
        late = self.rng.random() < 0.15
        body = {
            "month": month, "case_ref": f"DEMO-CASE-{month}-{n:04d}", "team_id": team,
            "auditor_ids": [self.rng.choice(auditors or [f"demo-auditor-{n % 30:02d}"])],
            "social_worker_id": self.rng.choice(self.people.workers[team]),
            "standards": [{"standard": s, "grade": self.grade(), "evidence": "Fictional evidence."}
                          for s in range(1, 7)],
            "child_seen_alone": True, "overall_grade": overall,
            "impact": {"grade": self.grade(), "better_off": self.rng.random() < 0.7,
                       "has_pace": True, "rationale_evident": True,
                       "help_planned_and_purposeful": True},
            "child_view": {"status": self.rng.choice(["obtained", "obtained", "not_possible"]),
                           "summary": "Fictional view."},
            "parent_view": {"status": "obtained", "summary": "Fictional view."},
            "deadline": str(audit_deadline(month, late)),
            "submitted_at": self.submitted_at(month).isoformat(),
        }
        body["actions"] = self.actions(month, team, body["social_worker_id"]) \
            if overall in ("requires_improvement", "inadequate") else []
        return body

    def submitted_at(self, month: str) -> datetime:
        """A working-hours moment from the 2nd to the 28th of the audit's month (so one due on
        the 1st is late, one due at the month's end on time), never after now: the demo loads
        the year as history, each audit in its own month (its own generator)."""
        rng = self.moments_rng
        moment = datetime.combine(date.fromisoformat(f"{month}-{rng.randint(2, 28):02d}"),
                                  time(rng.randint(9, 16), rng.randint(0, 59)), UTC)
        return min(moment, datetime.now(UTC) - timedelta(minutes=10))

    def actions(self, month: str, team: str, worker: str) -> list[dict]:
        """One or two improvement actions, worded as an auditor would, owned by the case's
        social worker (the team's deputy for a manager's task), so the team manager can
        confirm them, and due four to eight weeks after the audit's month (from their own
        generator, so the rest of the year is unchanged)."""
        rng = self.actions_rng
        wording = rng.sample(ACTION_WORDING, rng.choice([1, 1, 2]))
        return [{"key": f"a{n}", "description": text,
                 "owner_id": self.people.deputies[team] if text in MANAGERS_TASKS else worker,
                 "due_date": str(last_day(month) + timedelta(days=rng.choice([28, 35, 42, 56])))}
                for n, text in enumerate(wording, 1)]

    def moderation(self) -> dict:
        """Mostly agreement; now and then a standard regraded, with the reason."""
        standards = [{"standard": s, "agree": True} for s in range(1, 7)]
        if self.rng.random() < 0.3:
            standards[1] = {"standard": 2, "agree": False, "grade": self.grade(),
                            "rationale": "Fictional rationale for a different grade."}
        return {"standards": standards, "overall_agree": True, **self.moderation_outcomes()}

    def moderation_outcomes(self) -> dict:
        """Now and then good practice acknowledged or a learning need named; the evidence and
        timeliness judged. From their own generator, so the rest of the year is as before."""
        rng = self.outcomes_rng
        outcomes: dict = {"evidence_quality": rng.choice(["strong", "sound", "sound", "weak"]),
                          "timeliness": rng.choice(["strong", "sound", "sound", "weak"])}
        if rng.random() < 0.2:
            outcomes |= {"good_practice": True, "good_practice_note": rng.choice(GOOD_PRACTICE)}
        if rng.random() < 0.25:
            outcomes["learning_needs"] = [rng.choice(["evidence", "analysis", "child_voice",
                                                      "impact", "actions"])]
        return outcomes

    def feedback(self, month: str, n: int) -> dict:
        source = self.rng.choice(["compliment", "momo", "momo", "customer_feedback"])
        body = {"source": source, "source_id": f"{self.run_id}-{month}-{n:05d}",
                "received_on": f"{month}-{self.rng.randint(1, 28):02d}",
                "team_id": self.rng.choice(self.people.teams),
                "themes": [self.rng.choice(THEMES)], "text": "Fictional feedback."}
        if source == "customer_feedback":
            body["rating"] = self.rng.randint(1, 5)
        return body

    def complaint(self, month: str, n: int) -> dict:
        received = date.fromisoformat(f"{month}-{self.rng.randint(1, 20):02d}")
        answered = self._until_today(received + timedelta(days=self.rng.randint(5, 20)))
        stages = [{"stage": 1, "started_on": str(received), "responded_on": answered,
                   "outcome": self.rng.choice(["upheld", "partly_upheld", "not_upheld"])
                   if answered else None}]
        started = received + timedelta(days=25)
        if answered and started <= self.today and self.rng.random() < 0.2:
            # escalated: some stage 2 investigations run past 65 working days
            stages.append({"stage": 2, "started_on": str(started), "responded_on":
                           self._until_today(started + timedelta(
                               days=self.rng.choice([40, 60, 120])))})
        return {"source_id": f"{self.run_id}-complaint-{month}-{n:04d}",
                "received_on": str(received),
                "complainant": self.rng.choice(["child", "parent_carer", "parent_carer", "other"]),
                "team_id": self.rng.choice(self.people.teams),
                "themes": [self.rng.choice(THEMES)], "stages": stages}

    def observation(self, month: str, team: str) -> dict:
        kind = self.rng.choice(["practice", "practice", "asye", "supervision"])
        worker = self.people.deputies[team] if kind == "supervision" \
            else self.rng.choice(self.people.workers[team])
        return {"worker_id": worker, "team_id": team, "kind": kind, "consent_confirmed": True,
                "observed_on": f"{month}-{self.rng.randint(1, 28):02d}",
                "critique": "Fictional critique.", "observed_scope": "all",
                # about half the practice and ASYE observations come to the practice
                # learning team's queue (their own generator: the year draws as before)
                "shared_with_practice_learning_team": kind != "supervision"
                and self.sharing_rng.random() < 0.5}
