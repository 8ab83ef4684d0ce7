"""Running the demo loader (tools/demo) small against the test services, and what it loads."""

from __future__ import annotations

import asyncio
import sys

from tools.demo.data import Population

SMALL = ["--teams", "3", "--staff", "9", "--months", "2", "--audits-per-month", "3",
         "--feedback-per-month", "4", "--complaints-per-month", "2",
         "--observations-per-month", "2"]


async def run_demo(services, prefix: str, *extra: str) -> str:
    """Loads a small demo year with teams named `prefix`-NN; returns what it printed."""
    args = [*SMALL, *extra, "--team-prefix", prefix, "--force",
            "--audit-capture", services.url("audit_capture"),
            "--feedback-ingestion", services.url("feedback_ingestion"),
            "--reporting", services.url("reporting")]
    process = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "tools.demo", *args,
        stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE)
    async with asyncio.timeout(120):
        out, err = await process.communicate()
    assert process.returncode == 0, err.decode()[-2000:]
    return out.decode()


def small_directory(prefix: str) -> dict[str, str]:
    """{id: name} of every person and team the small demo puts in the directory."""
    people = Population([f"{prefix}-{t:02d}" for t in range(1, 4)], 9,
                        quality_team=f"{prefix}-quality", leadership_team=f"{prefix}-leadership")
    named = {}
    for line in people.directory_csv().splitlines()[1:]:
        person_id, name, team_id, team_name = line.split(",")[:4]
        named[person_id] = name
        if team_name:
            named[team_id] = team_name
    return named
