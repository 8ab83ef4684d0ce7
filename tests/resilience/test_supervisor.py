"""`make run`'s launcher keeps its services running (issue 18, defect 4): kill -9 of a
service and the supervisor starts it again, ready within a bound, with a line in its log;
the other service, Kafka and the store are untouched, and the launcher itself stays up.
Before, the launcher stopped every service and run.sh's exit trap stopped Kafka and the
store."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import httpx

from services.launcher import ROOT, ServiceProcesses
from tests.support.infra import infra
from tests.support.waiting import eventually

PORT_BASE = int(os.environ.get("QA_PORT_BASE", "28100")) + 80
RESTART_BOUND = 60.0  # seconds from kill -9 to ready again (back-off 1 s + a start)


def child_pid(parent: int, port: int) -> int:
    """The launcher's child serving `port` (found by parent id and its port, not by name)."""
    for pid in subprocess.run(["pgrep", "-P", str(parent)], capture_output=True,
                              text=True).stdout.split():
        environ = Path(f"/proc/{pid}/environ").read_bytes().split(b"\0")
        if f"QA_HTTP_PORT={port}".encode() in environ:
            return int(pid)
    raise AssertionError(f"no child of {parent} serves port {port}")


async def ready(url: str) -> bool:
    try:
        async with httpx.AsyncClient(timeout=2) as http:
            return (await http.get(f"{url}/readyz")).status_code == 200
    except httpx.HTTPError:
        return False


async def welcomed(out: Path) -> bool:
    return "platform is running" in out.read_text()


async def test_a_killed_service_comes_back_and_nothing_else_stops(tmp_path):
    names = ("audit_capture", "action_tracking")
    ports = ServiceProcesses(port_base=PORT_BASE, log_dir=tmp_path)
    launcher = subprocess.Popen(
        [sys.executable, "-m", "services.launcher", "--log-dir", str(tmp_path),
         "--services", ",".join(names)], cwd=ROOT,
        env={**os.environ, "QA_PORT_BASE": str(PORT_BASE), "QA_DEMO_DATA": "0"},
        stdout=open(tmp_path / "launcher.out", "wb"),  # noqa: SIM115
        stderr=open(tmp_path / "launcher.err", "wb"))  # noqa: SIM115
    try:
        # The welcome comes once the launcher has seen every service ready and supervises.
        # Before it, a service that dies stops the start (a kill on the test's own sight of
        # readiness did, in a fresh-clone run).
        await eventually(lambda: welcomed(tmp_path / "launcher.out"), timeout=120,
                         interval=0.5, what="the launcher supervising its services")
        victim = child_pid(launcher.pid, ports.port("audit_capture"))
        other = child_pid(launcher.pid, ports.port("action_tracking"))
        os.kill(victim, signal.SIGKILL)
        killed_at = time.monotonic()

        async def back() -> bool:
            return await ready(ports.url("audit_capture")) and child_pid(
                launcher.pid, ports.port("audit_capture")) != victim

        await eventually(back, timeout=RESTART_BOUND, interval=0.2,
                         what="audit_capture restarted and ready")
        took = time.monotonic() - killed_at
        print(f"kill -9 to ready again: {took:.1f} s")
        assert launcher.poll() is None, "the launcher stopped"
        assert child_pid(launcher.pid, ports.port("action_tracking")) == other
        assert await ready(ports.url("action_tracking"))
        infra("kafka", "status")  # raises if it stopped
        infra("store", "status")
        log = (tmp_path / "audit_capture.log").read_text()
        assert "audit_capture exited with code -9; restarting it in 1 s" in log
        assert "audit_capture restarted by the supervisor" in log
    finally:
        launcher.send_signal(signal.SIGTERM)
        launcher.wait(timeout=60)
