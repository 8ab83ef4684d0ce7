"""A synthetic county-sized year through the services' public APIs, for `make run`.

    python -m services.reporting.demo [--seed 7] [--teams 20] [--months 12] [--force]

About 20 teams, 250 staff, monthly audits (with actions, some late), practice observations,
and a few thousand feedback items, all obviously fictional and reproducible from the seed.
It posts to audit_capture and feedback_ingestion over HTTP (never to collections), skips
when reporting already shows audits for last month (unless --force), and shows progress.
Requests carry idempotency keys and stable source ids, so a re-run adds nothing.
"""

from __future__ import annotations

import argparse
import random
from datetime import date, timedelta

import httpx
from tqdm import tqdm

from shared.auth import issue_development_token
from shared.settings import ServiceSettings

from .domain.periods import last_day, months_back, shift

GRADES = ["outstanding", "good", "requires_improvement", "inadequate"]
WEIGHTS = [10, 50, 30, 10]
THEMES = ["timeliness", "communication", "listening to children", "planning", "contact"]


class Demo:
    def __init__(self, args: argparse.Namespace) -> None:
        self.rng = random.Random(args.seed)
        self.args = args
        self.run_id = f"demo-{args.seed}-{args.team_prefix}"  # same seed and teams: same ids
        secret = ServiceSettings().auth_dev_secret
        self.headers = {r: {"Authorization": "Bearer " + issue_development_token(
            secret=secret, subject=f"demo-{r}", roles=[r])} for r in
            ("auditor", "director", "integration", "team_manager")}
        self.teams = [f"{args.team_prefix}-{t:02d}" for t in range(1, args.teams + 1)]
        per_team = max(1, args.staff // args.teams)
        self.workers = {t: [f"demo-sw-{i:02d}-{w:02d}" for w in range(1, per_team + 1)]
                        for i, t in enumerate(self.teams, 1)}
        today = date.today()
        self.months = months_back(shift(today.strftime("%Y-%m"), -1), args.months)

    def grade(self) -> str:
        return self.rng.choices(GRADES, WEIGHTS)[0]

    def audit(self, month: str, team: str, n: int) -> dict:
        grades = [self.grade() for _ in range(6)]
        overall = self.grade()
        due = last_day(month) + timedelta(days=self.rng.choice([-20, 10, 40, 400]))
        late = self.rng.random() < 0.15
        return {
            "month": month, "case_ref": f"DEMO-CASE-{month}-{n:04d}", "team_id": team,
            "auditor_ids": [f"demo-auditor-{self.rng.randint(1, 30):02d}"],
            "social_worker_id": self.rng.choice(self.workers[team]),
            "standards": [{"standard": s + 1, "grade": g, "evidence": "Fictional evidence."}
                          for s, g in enumerate(grades)],
            "child_seen_alone": True, "overall_grade": overall,
            "impact": {"grade": self.grade(), "better_off": self.rng.random() < 0.7,
                       "has_pace": True, "rationale_evident": True,
                       "help_planned_and_purposeful": True},
            "child_view": {"status": self.rng.choice(["obtained", "obtained", "not_possible"]),
                           "summary": "Fictional view."},
            "parent_view": {"status": "obtained", "summary": "Fictional view."},
            "deadline": str(date.fromisoformat(f"{month}-01") if late else last_day(month)
                            + timedelta(days=400)),
            "actions": [{"key": "a1", "description": "Fictional improvement action.",
                         "owner_id": f"demo-tm-{team[-2:]}", "due_date": str(due)}]
            if overall in ("requires_improvement", "inadequate") else [],
        }

    def feedback(self, month: str, n: int) -> dict:
        source = self.rng.choice(["compliment", "momo", "momo", "customer_feedback"])
        body = {"source": source, "source_id": f"{self.run_id}-{month}-{n:05d}",
                "received_on": f"{month}-{self.rng.randint(1, 28):02d}",
                "team_id": self.rng.choice(self.teams),
                "themes": [self.rng.choice(THEMES)], "text": "Fictional feedback."}
        if source == "customer_feedback":
            body["rating"] = self.rng.randint(1, 5)
        return body

    def run(self, client: httpx.Client) -> None:
        a, f = self.args.audit_capture, self.args.feedback_ingestion
        plan = []
        for month in self.months:
            for n in range(self.args.audits_per_month):
                plan.append((f"{a}/audits", self.audit(month, self.rng.choice(self.teams), n),
                             "auditor", f"{self.run_id}-{month}-{n}"))
            for n in range(self.args.feedback_per_month):
                plan.append((f"{f}/feedback/items", self.feedback(month, n), "integration", None))
        for url, body, role, key in tqdm(plan, unit="req", desc="demo year"):
            headers = dict(self.headers[role])
            if key:
                headers["Idempotency-Key"] = key
            response = client.post(url, json=body, headers=headers)
            if response.status_code >= 400:
                raise SystemExit(f"{url} answered {response.status_code}: {response.text[:300]}")

    def already_loaded(self, client: httpx.Client) -> bool:
        response = client.get(f"{self.args.reporting}/reports/monthly-briefing",
                              params={"month": self.months[-1]}, headers=self.headers["director"])
        return response.status_code == 200 and response.json()["audits"]["completed"] > 0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--teams", type=int, default=20)
    parser.add_argument("--staff", type=int, default=250)
    parser.add_argument("--months", type=int, default=12)
    parser.add_argument("--audits-per-month", type=int, default=60)
    parser.add_argument("--feedback-per-month", type=int, default=250)
    parser.add_argument("--audit-capture", default="http://127.0.0.1:8101")
    parser.add_argument("--feedback-ingestion", default="http://127.0.0.1:8102")
    parser.add_argument("--reporting", default="http://127.0.0.1:8104")
    parser.add_argument("--team-prefix", default="demo-team")
    parser.add_argument("--force", action="store_true", help="load even if data exists")
    args = parser.parse_args()
    demo = Demo(args)
    with httpx.Client(timeout=30) as client:
        if not args.force and demo.already_loaded(client):
            print("demo data already loaded: nothing to do")
            return
        demo.run(client)
    print(f"loaded a synthetic year ({demo.months[0]} to {demo.months[-1]})")


if __name__ == "__main__":
    main()
