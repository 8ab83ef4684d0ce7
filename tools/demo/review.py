"""The Review stage of the demo year, through learning's and action tracking's public APIs,
month by month with the rest: the monthly findings signed off by the three audit groups,
every team's performance clinic (the next one planned when one is held, so the schedule
raises no alerts; the carried priorities' outcomes; themes escalated), a QA Forum each
quarter chaired by the head of quality (frontline practitioners attending, a student as a
guest, the clinics' escalated themes answered), and the actions their signed minutes raise
(action tracking raises them from `meeting.minutes_signed_off`) completed by their owners
and confirmed by the team manager once two months old."""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

import httpx
from tqdm import tqdm

from shared.england_time import england_today

from .data import HEAD_OF_QUALITY
from .review_data import Review, meeting_day

if TYPE_CHECKING:
    from .__main__ import Demo

NOT_KNOWN_YET = "staff directory"  # learning's 422 while its directory projection catches up
DIRECTORY_WAIT_SECONDS = 120
ACTIONS_WAIT_SECONDS = 120
FOLLOW_AFTER_DAYS = 30  # actions of meetings this old are completed and confirmed


@dataclass
class Signed:
    meeting_id: str
    held_on: date
    actions: int  # how many its minutes raised
    team_of_owner: dict[str, str] = field(default_factory=dict)


class ReviewYear:
    def __init__(self, demo: Demo, review: Review) -> None:
        self.demo, self.review = demo, review
        self.people = demo.people
        self.learning, self.tracking = demo.args.learning, demo.args.action_tracking
        self.hoq = demo.as_person("head_of_quality", HEAD_OF_QUALITY)
        self.planned: dict[str, tuple[str, date]] = {}  # team → its next clinic (id, date)
        self.open_themes: list[dict] = []
        self.to_follow: list[Signed] = []
        self.existing: set[tuple[str, str | None, str]] = set()
        self.requests = 0

    def requests_per_year(self) -> int:
        """For the progress bar: findings 4, a clinic 4 (+1 the first), a Forum 4, and about
        one action in two clinics and two per Forum, each looked up, completed, confirmed."""
        clinics = sum(len(m) for m in self.review.clinic_months.values())
        forums = len(self.review.forum_months)
        return (4 * len(self.review.months) + 4 * clinics + len(self.review.clinic_months)
                + 4 * forums + 2 * (clinics // 2 + 2 * forums) + clinics + forums)

    # -- HTTP -------------------------------------------------------------------------------

    def send(self, client: httpx.Client, method: str, url: str, body: Any,
             headers: dict[str, str], bar: tqdm, ok: tuple[int, ...] = (200, 201, 202),
             ) -> httpx.Response:
        """One request; a 422 naming the staff directory is retried while learning's copy
        of the directory the demo just imported catches up."""
        deadline = time.monotonic() + DIRECTORY_WAIT_SECONDS
        while True:
            response = client.request(method, url, json=body, headers=headers)
            if response.status_code == 422 and NOT_KNOWN_YET in response.text \
                    and time.monotonic() < deadline:
                time.sleep(0.5)  # the import's events are on their way to learning
                continue
            break
        self.requests += 1
        bar.update()
        if response.status_code not in ok:
            raise SystemExit(f"{method} {url} answered {response.status_code}: "
                             f"{response.text[:300]}")
        return response

    def load_existing(self, client: httpx.Client) -> None:
        """Meetings a previous run made (no idempotency keys here): not made again."""
        response = client.get(f"{self.learning}/meetings", headers=self.hoq)
        if response.status_code == 200:
            self.existing = {(m["kind"], m.get("team_id"), m["title"]) for m in response.json()}

    def _new(self, body: dict) -> bool:
        return (body["kind"], body.get("team_id"), body["title"]) not in self.existing

    # -- each month -------------------------------------------------------------------------

    def month(self, client: httpx.Client, month: str, bar: tqdm) -> None:
        self.findings(client, month, bar)
        for team, months in self.review.clinic_months.items():
            if month in months:
                self.clinic(client, team, month, bar)
        if month in self.review.forum_months:
            self.forum(client, month, bar)
        self.follow_through(client, bar, wait=False)

    def findings(self, client: httpx.Client, month: str, bar: tqdm) -> None:
        """The head of quality's summary, then a member of each audit group signs it off
        (409: a previous run's summary, already signed)."""
        url = f"{self.learning}/findings/{month}"
        written = self.send(client, "PUT", url, self.review.findings(), self.hoq, bar,
                            ok=(200, 202, 409))
        for person, body in self.review.findings_signoffs():
            if written.status_code == 409:
                continue
            self.send(client, "POST", f"{url}/sign-off", body,
                      self.demo.as_person("team_manager", person), bar, ok=(200, 202, 409))

    def clinic(self, client: httpx.Client, team: str, month: str, bar: tqdm) -> None:
        review, manager = self.review, self.people.managers[team]
        chair = self.demo.as_person("team_manager", manager, team_id=team)
        meeting_id, on = self.planned.get(team) or (None, meeting_day(month, review.rng))
        this = review.clinic(team, month, on)
        if not self._new(this):
            return
        if meeting_id is None:
            meeting_id = self.send(client, "POST", f"{self.learning}/meetings", this, chair,
                                   bar).json()["meeting_id"]
        after = review.next_clinic_on(team, month, on)
        # The next clinic is planned before this one is held: the schedule never lacks one.
        following = review.clinic(team, after.strftime("%Y-%m"), after)
        self.planned[team] = (self.send(client, "POST", f"{self.learning}/meetings",
                                        following, chair, bar).json()["meeting_id"], after)
        url = f"{self.learning}/meetings/{meeting_id}"
        held = self.send(client, "POST", f"{url}/held", review.clinic_held(team, on), chair,
                         bar).json()
        minutes = review.clinic_minutes(team, on, held.get("carried_priorities", []),
                                        theme_n=len(self.open_themes) + 1)
        self.send(client, "PUT", f"{url}/minutes", minutes, chair, bar)
        self.send(client, "POST", f"{url}/sign-off", None, chair, bar)
        self.open_themes += [{"meeting_id": meeting_id, "theme_id": t["theme_id"]}
                             for t in minutes["clinic"].get("escalated_themes", [])]
        self._follow(meeting_id, on, minutes)

    def forum(self, client: httpx.Client, month: str, bar: tqdm) -> None:
        on = self.review.forum_on(month)
        body = self.review.forum(month, on)
        if not self._new(body):
            return
        meeting_id = self.send(client, "POST", f"{self.learning}/meetings", body, self.hoq,
                               bar).json()["meeting_id"]
        url = f"{self.learning}/meetings/{meeting_id}"
        self.send(client, "POST", f"{url}/held",
                  self.review.forum_held(on, body["invited_ids"]), self.hoq, bar)
        minutes = self.review.forum_minutes(on, self.open_themes)
        self.send(client, "PUT", f"{url}/minutes", minutes, self.hoq, bar)
        self.send(client, "POST", f"{url}/sign-off", None, self.hoq, bar)
        self.open_themes = []
        self._follow(meeting_id, on, minutes)

    def _follow(self, meeting_id: str, on: date, minutes: dict) -> None:
        if minutes["actions"]:
            team_of = {p: t for t, p in self.people.deputies.items()}
            self.to_follow.append(Signed(meeting_id, on, len(minutes["actions"]), {
                a["owner_id"]: team_of[a["owner_id"]] for a in minutes["actions"]}))

    # -- the actions the minutes raised -----------------------------------------------------

    def follow_through(self, client: httpx.Client, bar: tqdm, *, wait: bool) -> None:
        """Each action of a meeting held FOLLOW_AFTER_DAYS ago or more: completed by its
        owner (a team's deputy) with evidence, and four in five confirmed by the team
        manager. Actions action tracking has not raised yet wait for a later month, or (at
        the end, `wait`) are waited for."""
        old = england_today() - timedelta(days=FOLLOW_AFTER_DAYS)
        for signed in [s for s in self.to_follow if s.held_on <= old]:
            actions = self._raised(client, signed, wait=wait)
            bar.update()
            if actions is None:
                continue
            self.to_follow.remove(signed)
            for action in actions:
                self._complete(client, action, signed, bar)

    def _raised(self, client: httpx.Client, signed: Signed, *, wait: bool) -> list | None:
        deadline = time.monotonic() + (ACTIONS_WAIT_SECONDS if wait else 0)
        while True:
            response = client.get(f"{self.tracking}/actions", headers=self.hoq,
                                  params={"origin_id": signed.meeting_id})
            self.requests += 1
            found = response.json() if response.status_code == 200 else []
            if len(found) >= signed.actions:
                return found
            if time.monotonic() >= deadline:
                if wait:
                    raise SystemExit(f"action tracking has not raised the actions of meeting "
                                     f"{signed.meeting_id} after {ACTIONS_WAIT_SECONDS} s")
                return None
            time.sleep(1)  # the signed minutes are on their way to action tracking

    def _role_of(self, person: str) -> str:
        """Supervision's next steps are a social worker's own; the rest a deputy's."""
        workers = {w for team in self.people.workers.values() for w in team}
        return "social_worker" if person in workers else "team_manager"

    def _complete(self, client: httpx.Client, action: dict, signed: Signed,
                  bar: tqdm) -> None:
        owner = action["owner_id"]
        team = signed.team_of_owner.get(owner, action.get("team_id"))
        url = f"{self.tracking}/actions/{action['action_id']}"
        if action["status"] in ("open", "in_progress"):
            self.send(client, "POST", f"{url}/complete",
                      {"note": "Fictional: done as the meeting asked.",
                       "evidence": "Fictional evidence: the team's plan and minutes."},
                      self.demo.as_person(self._role_of(owner), owner, team_id=team), bar,
                      ok=(200, 202, 409))
        if action["status"] != "confirmed" and self.review.rng.random() < 0.8:
            manager = self.people.managers.get(team or "")
            if manager and manager != owner:
                self.send(client, "POST", f"{url}/confirm", {"note": "Fictional confirmation."},
                          self.demo.as_person("team_manager", manager, team_id=team), bar,
                          ok=(200, 202, 409))

