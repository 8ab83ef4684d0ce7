"""Start every service as its own process, wait until each is ready, keep them running (a
service that dies is started again: services/supervisor.py), stop them together.

    python -m services.launcher     # what `make run` calls after starting Kafka and the store
    python -m services.launcher --log-dir DIR --services audit_capture,reporting

Tests use `ServiceProcesses` to run the same five processes against the test broker and store.
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

import httpx

from services.supervisor import Supervisor

SERVICES = ("audit_capture", "feedback_ingestion", "action_tracking", "reporting", "learning",
            "data_protection")
ROOT = Path(__file__).resolve().parent.parent


@dataclass
class ServiceProcesses:
    port_base: int
    log_dir: Path
    extra_env: dict[str, str] = field(default_factory=dict)
    processes: dict[str, subprocess.Popen] = field(default_factory=dict)

    def port(self, service: str) -> int:
        return self.port_base + 1 + SERVICES.index(service)

    def url(self, service: str) -> str:
        return f"http://127.0.0.1:{self.port(service)}"

    def start(self, *only: str) -> None:
        self.log_dir.mkdir(parents=True, exist_ok=True)
        for service in only or SERVICES:
            env = {**os.environ, **self.extra_env, "QA_HTTP_PORT": str(self.port(service)),
                   "QA_SERVICE_URLS": json.dumps({s: self.url(s) for s in SERVICES})}
            log = open(self.log_dir / f"{service}.log", "ab")  # noqa: SIM115 - child owns it
            self.processes[service] = subprocess.Popen(
                [sys.executable, "-m", f"services.{service}"], cwd=ROOT, env=env,
                stdout=log, stderr=subprocess.STDOUT,
                start_new_session=True,  # Ctrl-C reaches the launcher, which stops them in turn
            )

    def wait_ready(self, timeout: float = 90.0, *only: str) -> None:
        deadline = time.monotonic() + timeout
        pending = list(only or self.processes)
        while pending:
            service = pending[0]
            if self.processes[service].poll() is not None:
                raise RuntimeError(f"{service} exited; see {self.log_dir / service}.log")
            try:
                if httpx.get(f"{self.url(service)}/readyz", timeout=2).status_code == 200:
                    pending.pop(0)
                    continue
            except httpx.HTTPError:
                pass
            if time.monotonic() > deadline:
                raise TimeoutError(f"{service} not ready after {timeout:.0f}s")
            time.sleep(0.2)

    def crash(self, service: str) -> None:
        """kill -9, as the kernel's OOM killer or a lost machine would: no clean-up runs."""
        process = self.processes.pop(service)
        process.kill()
        process.wait()

    def stop(self, *only: str) -> None:
        names = only or tuple(self.processes)
        for name in names:
            self.processes[name].send_signal(signal.SIGTERM)
        for name in names:
            try:
                self.processes[name].wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.processes[name].kill()
                self.processes[name].wait()
            del self.processes[name]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--log-dir", default=str(ROOT / "var" / "log"))
    parser.add_argument("--services", default=",".join(SERVICES),
                        help="comma-separated; default all of them")
    args = parser.parse_args()
    port_base = int(os.environ.get("QA_PORT_BASE", "8100"))
    services = ServiceProcesses(port_base=port_base, log_dir=Path(args.log_dir))
    only = tuple(args.services.split(","))
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    # Ctrl-C must stop everything even if a parent shell started us with SIGINT ignored.
    signal.signal(signal.SIGINT, signal.default_int_handler)
    services.start(*only)
    demo: subprocess.Popen | None = None
    try:
        services.wait_ready()
        if os.environ.get("QA_DEMO_DATA", "1") != "0" and only == SERVICES:
            demo = load_demo_data(services)
        print_welcome(services)
        supervisor = Supervisor(services)
        while True:  # until Ctrl-C or SIGTERM: a service that dies is started again
            supervisor.check(time.monotonic())
            time.sleep(0.5)
    except KeyboardInterrupt:
        pass
    finally:
        print("\nstopping services...", file=sys.stderr)
        if demo is not None and demo.poll() is None:
            demo.terminate()
        services.stop()


def load_demo_data(services: ServiceProcesses) -> subprocess.Popen:
    """A synthetic year through the public APIs, in the background: it does nothing when
    reporting already shows data, so only an empty store gets it."""
    log = open(services.log_dir / "demo.log", "ab")  # noqa: SIM115 - child owns it
    print("Loading a synthetic demo year in the background when the store is empty "
          "(progress: var/log/demo.log; QA_DEMO_DATA=0 skips it).")
    return subprocess.Popen(
        [sys.executable, "-m", "tools.demo",
         "--audit-capture", services.url("audit_capture"),
         "--feedback-ingestion", services.url("feedback_ingestion"),
         "--reporting", services.url("reporting"),
         "--action-tracking", services.url("action_tracking"),
         "--learning", services.url("learning")],
        cwd=ROOT, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)


def print_welcome(services: ServiceProcesses) -> None:
    print("\nThe QA and Learning Framework platform is running.\n")
    print(f"  Open: {services.url('reporting')}/\n")
    for name in SERVICES:
        print(f"  {name:<20} {services.url(name)}/docs")
    print("\nSign in locally: the page asks for a role and an id (development sign-in).")
    print("For the APIs, get a development token and send it as 'Authorization: Bearer ...':")
    print("  make token ROLE=head_of_quality SUB=hoq-001\n\nCtrl-C stops everything.",
          flush=True)  # a file or pipe buffers: whoever waits for the welcome must see it


if __name__ == "__main__":
    main()
