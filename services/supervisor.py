"""The local supervisor behind `make run` (issue 18, defect 4): a service that dies is
started again after a back-off, with a line in its log saying so; nothing else is stopped.

The back-off doubles with each restart in a row (1, 2, 4 ... at most 30 s), and starts again
from 1 s once a service has stayed up for a minute, so a service that cannot start (its port
taken, a bad setting) is retried slowly rather than in a tight loop. (tenacity, used for the
platform's retries, retries one call; here several processes are watched at once, so the
schedule is the small pure rule `backoff`.)
"""

from __future__ import annotations

import json
import sys
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

FIRST_DELAY, MAX_DELAY, HEALTHY_AFTER = 1.0, 30.0, 60.0


def backoff(restarts_in_a_row: int, first: float = FIRST_DELAY, cap: float = MAX_DELAY) -> float:
    """Seconds to wait before the n-th restart in a row (n >= 1)."""
    return min(cap, first * 2 ** max(0, restarts_in_a_row - 1))


@dataclass
class Supervisor:
    services: Any  # launcher.ServiceProcesses: processes, start(name), log_dir
    first_delay: float = FIRST_DELAY
    max_delay: float = MAX_DELAY
    healthy_after: float = HEALTHY_AFTER
    in_a_row: dict[str, int] = field(default_factory=dict)
    due: dict[str, float] = field(default_factory=dict)  # service -> when to start it again
    started_at: dict[str, float] = field(default_factory=dict)

    def check(self, now: float) -> None:
        """Notice services that died, and start again those whose back-off is over."""
        for name, process in list(self.services.processes.items()):
            code = process.poll()
            if code is None:
                if now - self.started_at.setdefault(name, now) >= self.healthy_after:
                    self.in_a_row[name] = 0
                continue
            if name not in self.due:
                self.in_a_row[name] = self.in_a_row.get(name, 0) + 1
                delay = backoff(self.in_a_row[name], self.first_delay, self.max_delay)
                self.due[name] = now + delay
                self.note(name, f"{name} exited with code {code}; restarting it in "
                                f"{delay:g} s (restart {self.in_a_row[name]} in a row)")
        for name, at in list(self.due.items()):
            if now >= at:
                del self.due[name]
                self.services.start(name)
                self.started_at[name] = now
                self.note(name, f"{name} restarted by the supervisor")

    def note(self, name: str, message: str) -> None:
        """A line in the service's own log (JSON, like its other lines) and on stderr."""
        line = {"timestamp": datetime.now(UTC).isoformat(), "level": "WARNING",
                "logger": "supervisor", "service": name, "message": message}
        with open(self.services.log_dir / f"{name}.log", "a", encoding="utf-8") as log:
            log.write(json.dumps(line) + "\n")
        print(f"supervisor: {message}", file=sys.stderr, flush=True)
