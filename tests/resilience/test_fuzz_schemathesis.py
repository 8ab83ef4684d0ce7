"""schemathesis against each running service's OpenAPI document: a fixed seed, at most five
cases per operation in each phase (examples, coverage, fuzzing, stateful), as a caller holding
every role; not one answer may be a 5xx.

What it sends is stored like any caller's: obviously fictional values in the test store,
under months and ids no other test uses (they come from random generation)."""

from __future__ import annotations

import re
import subprocess
import sys

import pytest

from services.launcher import SERVICES
from shared.auth import Role
from tests.support.auth import token
from tests.support.battery import scaled

SEED = 20261201
MAX_EXAMPLES = scaled(5)
EXCLUDED_OPERATIONS = {  # the auth matrix still covers each of these
    # A server-sent event stream never ends: each case would wait for the request timeout.
    "action_tracking": ["GET /alerts/stream",
                        # A subscription to a generated address (https://0.com/...) would
                        # send every later alert out to the internet, with retries.
                        "POST /webhooks/subscriptions"],
}


@pytest.mark.timeout(scaled(300))
@pytest.mark.parametrize("service", SERVICES)
def test_no_generated_request_gets_a_server_error(services, service, tmp_path):
    everyone = token(*(role.value for role in Role), sub="fuzz-001", team="team-fuzz")
    command = [
        sys.executable, "-m", "schemathesis.cli", "run", f"{services.url(service)}/openapi.json",
        "--header", f"Authorization: Bearer {everyone}", "--checks", "not_a_server_error",
        "--seed", str(SEED), "--max-examples", str(MAX_EXAMPLES), "--workers", "1",
        "--generation-database", "none", "--request-timeout", "30", "--no-color",
        *(arg for name in EXCLUDED_OPERATIONS.get(service, [])
          for arg in ("--exclude-name", name)),
    ]
    run = subprocess.run(command, cwd=tmp_path, capture_output=True, text=True, timeout=scaled(280))
    summary = re.search(r"(\d+) generated.*", run.stdout)
    print(f"schemathesis {service}: {summary.group(0) if summary else 'no summary'}")
    assert run.returncode == 0, run.stdout[-6000:] + run.stderr[-2000:]
