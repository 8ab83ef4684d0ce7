"""The Learn stage of the demo year, through audit capture's, learning's and reporting's public
APIs, after the months: heads of service over areas of teams; each month's case list with its
child protection plans and a learning circle every 8 weeks; supervision after audits (the
audit discussed, next steps agreed, signed off) and of team managers by their heads of
service; the practice learning team's reviews, annual reviews and ASYE starts; the L&D
programme with its sessions and attendance; the staff survey of the year before and this
year, each answer as its person; the staff briefing sheet's lessons. The next steps and the
circles' actions are followed through like the meetings' (`review.py`)."""

from __future__ import annotations

import time
from datetime import date
from typing import TYPE_CHECKING

import httpx
from tqdm import tqdm

from shared.england_time import england_today

from .data import HEAD_OF_QUALITY
from .learn_data import Audited, LearnCases
from .learn_programme_data import LearnProgramme
from .review import Signed

if TYPE_CHECKING:
    from .__main__ import Demo
    from .review import ReviewYear


class LearnYear:
    def __init__(self, demo: Demo, review: ReviewYear, *, tag: str = "") -> None:
        self.demo, self.review, self.people = demo, review, demo.people
        args = demo.args
        self.audit_capture, self.learning, self.reporting = (
            args.audit_capture, args.learning, args.reporting)
        self.cases = LearnCases(self.people, demo.run_id, demo.months)
        self.programme = LearnProgramme(self.people, demo.run_id, demo.months, tag=tag)
        self.hoq = demo.as_person("head_of_quality", HEAD_OF_QUALITY)
        self.plt = demo.as_person("practice_learning_team", self.people.practice_learning[0])
        self.audits: list[Audited] = []
        self.observed: list[tuple[str, date]] = []
        self.shared: list[str] = []  # queue items of observations shared with the PLT
        self.requests, self.seconds = 0, 0.0

    def audited(self, body: dict, audit_id: str) -> None:
        self.audits.append(Audited(audit_id, body["month"], body["team_id"],
                                   body["social_worker_id"],
                                   date.fromisoformat(body["submitted_at"][:10])))

    def observation(self, body: dict, observation_id: str) -> None:
        if body["kind"] != "supervision":
            self.observed.append((body["worker_id"], date.fromisoformat(body["observed_on"])))
        if body.get("shared_with_practice_learning_team"):
            self.shared.append(f"observation-{observation_id}")

    def requests_expected(self) -> int:
        """For the progress bar, roughly: each supervision 2 and its next step followed 3."""
        months, teams = len(self.demo.months), len(self.people.teams)
        supervisions = len(self.audits) // 10 + months + len(self.people.heads_of_service) * 4
        return (months + teams + 12 + 5 * supervisions + len(self.audits) // 8 + teams // 2
                + 12 + int(0.6 * len(self.people.managers) * 2 * 10))

    def send(self, client: httpx.Client, method: str, url: str, body, headers: dict,
             bar: tqdm, ok: tuple[int, ...] = (200, 201, 202)) -> httpx.Response:
        self.requests += 1
        return self.review.send(client, method, url, body, headers, bar, ok=ok)

    def run(self, client: httpx.Client, bar: tqdm) -> None:
        """Once: a re-run finds the L&D programme's first item and leaves the stage as is,
        but for the teams' areas (the directory's import has just reset them)."""
        started = time.monotonic()
        self.areas(client, bar)
        items = self.programme.items()
        existing = client.get(f"{self.learning}/development/programme", headers=self.hoq)
        if existing.status_code == 200 and items[0]["title"] in {
                i["title"] for i in existing.json()}:
            return
        self.case_lists_and_circles(client, bar)
        self.supervisions(client, bar)
        self.practice_learning(client, bar)
        self.development(client, bar, items)
        self.survey(client, bar)
        self.lessons(client, bar)
        self.seconds = time.monotonic() - started

    def areas(self, client: httpx.Client, bar: tqdm) -> None:
        for team, area in self.people.area_of.items():
            self.send(client, "PUT", f"{self.audit_capture}/directory/teams/{team}", {
                "team_id": team, "name": self.people.team_names[team], "service_area": area,
                "head_of_service_id": self.people.heads_of_service[area]}, self.hoq, bar)

    def case_lists_and_circles(self, client: httpx.Client, bar: tqdm) -> None:
        for month in self.demo.months:
            self._case_list(client, month, bar)
        for body in self.cases.circles():
            circle = self.send(client, "POST", f"{self.learning}/learning-circles", body,
                               self.plt, bar).json()
            self._follow(circle["_id"], body)

    def _case_list(self, client: httpx.Client, month: str, bar: tqdm) -> None:
        response = client.post(f"{self.audit_capture}/programme/{month}/cases",
                               content=self.cases.case_list(month),
                               headers=self.hoq | {"Content-Type": "text/csv"})
        self.requests += 1
        bar.update()
        if response.status_code not in (200, 201, 202):
            raise SystemExit(f"case list {month} answered {response.status_code}: "
                             f"{response.text[:300]}")

    def supervisions(self, client: httpx.Client, bar: tqdm) -> None:
        sessions = [(self.people.managers[a.team], "team_manager", a.team,
                     self.cases.supervision(a)) for a in self.cases.supervised(self.audits)]
        sessions += [(head, "head_of_service", team, body)
                     for head, team, body in self.cases.manager_supervisions(self.audits)]
        for supervisor, role, team, body in sessions:
            who = self.demo.as_person(role, supervisor, team_id=team)
            recorded = self.send(client, "POST", f"{self.learning}/supervisions", body, who,
                                 bar).json()
            self.send(client, "POST", f"{self.learning}/supervisions/{recorded['_id']}/sign-off",
                      None, who, bar, ok=(200, 202, 409))
            self._follow(recorded["_id"], body, team)

    def _follow(self, origin_id: str, body: dict, team: str | None = None) -> None:
        """The actions action tracking raises from it, completed and confirmed with the
        meetings' once 30 days old (review.py)."""
        team = team or body["team_id"]
        self.review.to_follow.append(Signed(
            origin_id, date.fromisoformat(body["held_on"]), len(body["actions"]),
            {a["owner_id"]: team for a in body["actions"]}))

    def practice_learning(self, client: httpx.Client, bar: tqdm) -> None:
        for item_id, body in self.cases.queue_reviews(self.audits, self.shared):
            self.send(client, "POST", f"{self.learning}/practice-learning/queue/{item_id}/reviewed",
                      body, self.plt, bar, ok=(200, 404, 409))  # 404: not queued yet
        for body in self.cases.annual_reviews(self.observed):
            self.send(client, "POST", f"{self.learning}/practice-learning/annual-reviews", body,
                      self.plt, bar)
        for body in self.cases.asye():
            self.send(client, "POST", f"{self.learning}/asye", body, self.plt, bar)

    def development(self, client: httpx.Client, bar: tqdm, items: list[dict]) -> None:
        manager = self.demo.as_person("principal_social_worker", self.people.practice_learning[1])
        for body in items:
            item = self.send(client, "POST", f"{self.learning}/development/items", body,
                             manager, bar).json()
            url = f"{self.learning}/development/items/{item['_id']}/sessions"
            for session in self.programme.sessions(body):
                sessions = self.send(client, "POST", url, session, manager, bar).json()["sessions"]
                if session["scheduled_for"] > str(england_today()):
                    continue
                session_id = next(s["session_id"] for s in sessions
                                  if s["title"] == session["title"])
                self.send(client, "POST", f"{url}/{session_id}/delivered", {
                    "delivered_on": session["scheduled_for"],
                    "attendee_ids": self.programme.attendees(body)}, manager, bar)

    def survey(self, client: httpx.Client, bar: tqdm) -> None:
        for year in self.programme.survey_years():
            url = f"{self.learning}/staff-surveys/{year}"
            self.send(client, "PUT", url, self.programme.questions(year), self.hoq, bar,
                      ok=(200, 409))  # 409: answered already (a demo before this one)
            questions = client.get(url, headers=self.hoq).json()["questions"]
            for person, role, team in self.programme.respondents(year):
                self.send(client, "POST", f"{url}/answers",
                          {"ratings": self.programme.ratings(year, questions)},
                          self.demo.as_person(role, person, team_id=team), bar,
                          ok=(202, 409))  # 409: this person has answered

    def lessons(self, client: httpx.Client, bar: tqdm) -> None:
        for half in self.programme.halves():
            lessons = self.programme.lessons()
            sheet = client.get(f"{self.reporting}/reports/staff-briefing",
                               params={"half": half}, headers=self.hoq)
            if sheet.status_code == 200 and sheet.json().get("lessons"):
                continue  # published already: a new revision would say the same
            self.send(client, "POST", f"{self.reporting}/reports/staff-briefing/{half}/lessons",
                      lessons, self.hoq, bar)
