"""The audits' improvement actions followed through, through action tracking's API as history
loaded afterwards: each step stamped with `at` in the past (`action_story.py` decides what
became of each action), by its owner or the team manager holding the admin role beside their
own (action tracking allows a past moment only to a role that loads history)."""

from __future__ import annotations

import time
from collections import Counter
from datetime import UTC, date, datetime
from typing import TYPE_CHECKING

import httpx
from tqdm import tqdm

from .action_story import generator_for, story_of

if TYPE_CHECKING:
    from .__main__ import Demo

RAISED_WAIT_SECONDS = 120


class ActionFollowThrough:
    def __init__(self, demo: Demo) -> None:
        self.demo = demo
        self.tracking = demo.args.action_tracking
        self.audits: list[tuple[str, str, int]] = []  # (audit id, team, actions it raised)
        self.outcomes: Counter[str] = Counter()

    def remember(self, audit_id: str, team: str, actions: int) -> None:
        if actions:
            self.audits.append((audit_id, team, actions))

    def requests_expected(self) -> int:
        """For the progress bar: about 2.5 requests an action, and a look-up per audit."""
        return sum(1 + round(2.5 * n) for _, _, n in self.audits)

    def run(self, client: httpx.Client, bar: tqdm) -> None:
        """Each remembered audit's actions, once action tracking has raised them. An action
        with more than its raising in its history was followed by an earlier run: left."""
        now = datetime.now(UTC)
        for audit_id, team, count in self.audits:
            for action in self._raised(client, audit_id, count):
                if len(action.get("history", [])) <= 1:
                    self._follow(client, action, team, now, bar)
            bar.update()

    def _raised(self, client: httpx.Client, audit_id: str, count: int) -> list[dict]:
        deadline = time.monotonic() + RAISED_WAIT_SECONDS
        while True:
            response = client.get(f"{self.tracking}/actions", params={"origin_id": audit_id},
                                  headers=self.demo.headers["head_of_quality"])
            found = response.json() if response.status_code == 200 else []
            if len(found) >= count:
                return found
            if time.monotonic() >= deadline:
                raise SystemExit(f"action tracking has not raised audit {audit_id}'s actions "
                                 f"after {RAISED_WAIT_SECONDS} s")
            time.sleep(0.5)  # the audit's event is on its way to action tracking

    def _follow(self, client: httpx.Client, action: dict, team: str, now: datetime,
                bar: tqdm) -> None:
        story = story_of(generator_for(self.demo.args.seed, action["_id"]), raised_at=datetime.fromisoformat(action["raised_at"]),
                         due=date.fromisoformat(action["due_date"]), now=now)
        self.outcomes[story.outcome] += 1
        deputy = action["owner_id"] in self.demo.people.deputies.values()
        people = {"owner": ("team_manager" if deputy else "social_worker", action["owner_id"]),
                  "manager": ("team_manager", self.demo.people.managers[team])}
        for step in story.steps:
            role, person = people[step.by]
            self.demo.post(client, f"{self.tracking}/actions/{action['_id']}/{step.change}",
                           step.body | {"at": step.at.isoformat()},
                           self.demo.as_person(role, person, team, "admin"))
            bar.update()
