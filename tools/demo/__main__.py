"""A synthetic county-sized year through the services' public APIs, for `make run`.

    python -m tools.demo [--seed 7] [--teams 20] [--months 12] [--force]

About 20 teams and 250 staff in three audit groups (imported into the directory), the
programme, monthly audits (with actions, some late) and the moderating group's moderation of
each month's sample with sign-off, practice observations, a few hundred complaints (some
stage 2 running long) and a few thousand feedback items, and the Review stage (the monthly
findings signed off by the audit groups, every team's performance clinics, a QA Forum each
quarter, their actions followed through: `review.py`): all obviously fictional and
reproducible from the seed. It posts to audit_capture, feedback_ingestion, learning and
action_tracking over HTTP (never to collections), skips when reporting already shows audits for last month (unless
--force), and shows progress. Requests carry idempotency keys and stable source ids, so a
re-run adds nothing.
"""

from __future__ import annotations

import argparse
import random
from typing import Any

import httpx
from tqdm import tqdm

from shared.auth import issue_development_token
from shared.england_time import england_today
from shared.months import months_back, shift
from shared.settings import ServiceSettings

from .action_follow import ActionFollowThrough
from .data import PROGRAMME_THEMES, Bodies, Population
from .learn import LearnYear
from .review import ReviewYear
from .review_data import Review

DEFAULT_PREFIX = "demo-team"


class Demo:
    def __init__(self, args: argparse.Namespace) -> None:
        self.args = args
        self.run_id = f"demo-{args.seed}-{args.team_prefix}"  # same seed and teams: same ids
        secret = ServiceSettings().auth_dev_secret
        self.headers = {r: {"Authorization": "Bearer " + issue_development_token(
            secret=secret, subject=f"demo-{r}", roles=[r])} for r in
            ("auditor", "director", "integration", "team_manager", "head_of_quality")}
        self.secret = secret
        # The year is loaded as history, each audit in its own month: a role that may.
        self.headers["auditor"] = self.as_person("auditor", "demo-auditor", None, "admin")
        teams = [f"{args.team_prefix}-{t:02d}" for t in range(1, args.teams + 1)]
        self.people = Population(teams, args.staff, quality_team=f"{args.team_prefix}-quality",
                                 leadership_team=f"{args.team_prefix}-leadership")
        self.bodies = Bodies(random.Random(args.seed), self.people, self.run_id)
        self.months = months_back(shift(england_today().strftime("%Y-%m"), -1), args.months)
        tag = "" if args.team_prefix == DEFAULT_PREFIX else f" ({args.team_prefix})"
        self.review = ReviewYear(self, Review(self.people, self.run_id, self.months, tag=tag))
        self.follow = ActionFollowThrough(self)
        self.learn = LearnYear(self, self.review, tag=tag)

    def as_person(self, role: str, person: str, team_id: str | None = None,
                  *more_roles: str) -> dict[str, str]:
        return {"Authorization": "Bearer " + issue_development_token(
            secret=self.secret, subject=person, roles=[role, *more_roles], team_id=team_id)}

    def post(self, client: httpx.Client, url: str, body: Any, headers: dict[str, str], *,
             ok: tuple[int, ...] = (200, 201, 202), **extra: Any) -> httpx.Response:
        response = client.post(url, json=body, headers=headers, **extra)
        if response.status_code not in ok:
            raise SystemExit(f"{url} answered {response.status_code}: {response.text[:300]}")
        return response

    def setup(self, client: httpx.Client) -> None:
        """The directory (three audit groups) and the programme, as the head of quality."""
        a, hoq = self.args.audit_capture, self.headers["head_of_quality"]
        self.post(client, f"{a}/directory/import", None, hoq | {"Content-Type": "text/csv"},
                  content=self.people.directory_csv())
        self.post(client, f"{a}/programme", {
            "first_month": self.months[0], "moderation_sample_size": 5,
            "themes": PROGRAMME_THEMES[:len(self.months)]}, hoq, ok=(201, 202, 409))

    def month(self, client: httpx.Client, month: str, bar: tqdm) -> None:
        a, f, args, b = self.args.audit_capture, self.args.feedback_ingestion, self.args, \
            self.bodies
        duty = client.get(f"{a}/programme/{month}",
                          headers=self.headers["head_of_quality"]).json()
        auditors = self.people.groups.get(duty.get("audit_group"), [])
        moderators = self.people.groups.get(duty.get("moderation_group"), [])
        for n in range(args.audits_per_month):
            team = b.rng.choice(self.people.teams)
            body = b.audit(month, team, n, auditors)
            audit = self.post(client, f"{a}/audits", body, self.headers["auditor"] | {
                "Idempotency-Key": f"{self.run_id}-{month}-{n}"}).json()
            self.follow.remember(audit["audit_id"], team, len(body["actions"]))
            self.learn.audited(body, audit["audit_id"])
            bar.update()
        sample = self.post(client, f"{a}/programme/{month}/moderation-sample",
                           {"seed": args.seed}, self.headers["head_of_quality"]).json()
        for audit_id in sample.get("audit_ids", []) if moderators else []:
            moderator = self.as_person("moderator", b.rng.choice(moderators))
            self.post(client, f"{a}/audits/{audit_id}/moderation", b.moderation(), moderator,
                      ok=(200, 202, 409))
            self.post(client, f"{a}/audits/{audit_id}/sign-off", None,
                      self.headers["head_of_quality"], ok=(200, 202, 409))
            bar.update(2)
        for team in b.rng.sample(self.people.teams, min(args.observations_per_month,
                                                       len(self.people.teams))):
            manager = self.as_person("team_manager", self.people.managers[team])
            observation = b.observation(month, team)
            done = self.post(client, f"{a}/observations/practice", observation, manager).json()
            self.learn.observation(observation, done["observation_id"])
            bar.update()
        for n in range(args.complaints_per_month):
            self.post(client, f"{f}/feedback/complaints", b.complaint(month, n),
                      self.headers["integration"])
            bar.update()
        for n in range(args.feedback_per_month):
            self.post(client, f"{f}/feedback/items", b.feedback(month, n),
                      self.headers["integration"])
            bar.update()

    def earlier_complaints(self, client: httpx.Client, bar: tqdm) -> None:
        """Complaints for the year before the demo year too, so the complaints report's year
        on year compares two full years (from a generator of their own: the demo year is
        unchanged)."""
        earlier = Bodies(random.Random(f"earlier-complaints-{self.args.seed}"), self.people,
                         self.run_id)
        for month in months_back(shift(self.months[0], -1), len(self.months)):
            for n in range(self.args.complaints_per_month):
                self.post(client, f"{self.args.feedback_ingestion}/feedback/complaints",
                          earlier.complaint(month, n), self.headers["integration"])
                bar.update()

    def run(self, client: httpx.Client) -> None:
        args = self.args
        per_month = (args.audits_per_month + 10 + args.complaints_per_month
                     + args.feedback_per_month
                     + min(args.observations_per_month, len(self.people.teams)))
        total = (per_month * len(self.months) + self.review.requests_per_year()
                 + args.complaints_per_month * len(self.months))  # the year before's
        with tqdm(total=total, unit="req", desc="demo year") as bar:
            self.setup(client)
            self.earlier_complaints(client, bar)
            self.review.load_existing(client)
            for month in self.months:
                self.month(client, month, bar)
                self.review.month(client, month, bar)
            bar.total += self.learn.requests_expected()
            self.learn.run(client, bar)
            self.review.follow_through(client, bar, wait=True)
            bar.total += self.follow.requests_expected()
            self.follow.run(client, bar)

    def already_loaded(self, client: httpx.Client) -> bool:
        response = client.get(f"{self.args.reporting}/reports/monthly-briefing",
                              params={"month": self.months[-1]}, headers=self.headers["director"])
        return response.status_code == 200 and response.json()["audits"]["completed"] > 0


def beside(url: str, offset: int) -> str:
    """The service `offset` ports after this one (services/launcher.py: audit capture,
    feedback ingestion, action tracking, reporting, learning on consecutive ports)."""
    parts = httpx.URL(url)
    return str(parts.copy_with(port=(parts.port or 80) + offset)).rstrip("/")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--teams", type=int, default=20)
    parser.add_argument("--staff", type=int, default=250)
    parser.add_argument("--months", type=int, default=12)
    parser.add_argument("--audits-per-month", type=int, default=60)
    parser.add_argument("--feedback-per-month", type=int, default=250)
    parser.add_argument("--complaints-per-month", type=int, default=25)
    parser.add_argument("--observations-per-month", type=int, default=10)
    parser.add_argument("--audit-capture", default="http://127.0.0.1:8101")
    parser.add_argument("--feedback-ingestion", default="http://127.0.0.1:8102")
    parser.add_argument("--reporting", default="http://127.0.0.1:8104")
    parser.add_argument("--action-tracking", help="default: as the launcher lays the "
                        "services out, audit capture's port + 2")
    parser.add_argument("--learning", help="default: audit capture's port + 4")
    parser.add_argument("--team-prefix", default=DEFAULT_PREFIX)
    parser.add_argument("--force", action="store_true", help="load even if data exists")
    args = parser.parse_args()
    args.action_tracking = args.action_tracking or beside(args.audit_capture, 2)
    args.learning = args.learning or beside(args.audit_capture, 4)
    demo = Demo(args)
    with httpx.Client(timeout=30) as client:
        if not args.force and demo.already_loaded(client):
            print("demo data already loaded: nothing to do")
            return
        demo.run(client)
    print(f"loaded a synthetic year ({demo.months[0]} to {demo.months[-1]}); the Review "
          f"stage took {demo.review.requests - demo.learn.requests} requests (with the Learn stage's "
          f"actions followed through), the Learn stage {demo.learn.requests} "
          f"in {demo.learn.seconds:.0f} s; "
          f"the audits' actions: "
          + ", ".join(f"{n} {outcome}" for outcome, n in sorted(demo.follow.outcomes.items())))


if __name__ == "__main__":
    main()
