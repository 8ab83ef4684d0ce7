"""A wrong retention schedule stops a service at start-up, naming the line to fix: the
service process exits before it serves anything, whichever service it is."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SHIPPED = (ROOT / "deploy" / "config" / "retention.toml").read_text()


@pytest.mark.parametrize("service, wrong, right, line", [
    ("audit_capture", 'kind = "complaints"', 'kind = "case_files"', "unknown record kind"),
    ("learning", 'period = "3 years"', 'period = "-3 years"', "is negative"),
])
def test_a_wrong_rule_stops_the_service_naming_its_line(tmp_path, service, wrong, right, line):
    schedule = tmp_path / "retention.toml"
    schedule.write_text(SHIPPED.replace(wrong, right))
    expected_line = SHIPPED.splitlines().index(wrong) + 1
    env = {**os.environ, "QA_RETENTION_SCHEDULE": str(schedule),
           "QA_HTTP_PORT": str(int(os.environ.get("QA_PORT_BASE", "28100")) + 90)}
    started = subprocess.run([sys.executable, "-m", f"services.{service}"], cwd=ROOT, env=env,
                             capture_output=True, text=True, timeout=60)
    assert started.returncode != 0
    assert f"{schedule}:line {expected_line}: " in started.stderr
    assert line in started.stderr
