"""The local supervisor's rule (services/supervisor.py): a service that died is started
again after a doubling back-off, with a line in its log; one that stayed up starts afresh."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from services.supervisor import Supervisor, backoff


def test_the_back_off_doubles_up_to_its_cap():
    assert [backoff(n) for n in range(1, 8)] == [1, 2, 4, 8, 16, 30, 30]


@dataclass
class Process:
    code: int | None = None

    def poll(self) -> int | None:
        return self.code


@dataclass
class Services:
    log_dir: Path
    processes: dict[str, Process] = field(default_factory=dict)
    started: list[str] = field(default_factory=list)

    def start(self, *names: str) -> None:
        for name in names:
            self.processes[name] = Process()
            self.started.append(name)


def test_a_dead_service_is_restarted_after_its_back_off_and_says_so(tmp_path):
    services = Services(tmp_path)
    services.start("audit_capture", "reporting")
    supervisor = Supervisor(services)
    supervisor.check(0.0)
    services.processes["audit_capture"].code = -9  # kill -9
    supervisor.check(10.0)
    supervisor.check(10.5)
    assert services.started == ["audit_capture", "reporting"]  # not yet: 1 s back-off
    supervisor.check(11.0)
    assert services.started[-1] == "audit_capture"
    services.processes["audit_capture"].code = 1  # dies again at once: 2 s this time
    supervisor.check(11.5)
    supervisor.check(13.0)
    assert services.started.count("audit_capture") == 2
    supervisor.check(13.5)
    assert services.started.count("audit_capture") == 3
    supervisor.check(13.5 + 60)  # up a minute: the next death waits 1 s again
    services.processes["audit_capture"].code = -9
    supervisor.check(80.0)
    assert supervisor.due["audit_capture"] == 81.0
    lines = [json.loads(line) for line in (tmp_path / "audit_capture.log").read_text().splitlines()]
    assert lines[0]["message"].startswith("audit_capture exited with code -9; restarting it in 1 s")
    assert lines[1]["message"] == "audit_capture restarted by the supervisor"
    assert "reporting" not in "".join(line["message"] for line in lines)
    assert services.processes["reporting"].code is None  # the others are left alone
