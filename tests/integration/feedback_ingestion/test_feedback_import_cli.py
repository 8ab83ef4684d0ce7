"""The command-line import against the real Kafka and store, and the full per-row report it
leaves behind (stored page by page, readable over HTTP), and an interrupted import."""

from __future__ import annotations

import asyncio
import csv
import io
import os
import sys
from datetime import timedelta

from schemas import topics
from shared.envelope import utc_now
from tests.support.auth import bearer
from tests.support.factories import uid
from tests.support.kafka import TopicTail

HOQ = bearer("head_of_quality")


async def run_cli(*args: str, env: dict[str, str]) -> tuple[int, str, str]:
    process = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "services.feedback_ingestion.importer", *args,
        env={**os.environ, **env}, stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE)
    async with asyncio.timeout(120):
        out, err = await process.communicate()
    return process.returncode, out.decode(), err.decode()


async def test_the_command_line_import_publishes_reports_and_keeps_every_row(feedback, tmp_path):
    ids = [uid("cli") for _ in range(5)]
    dates = ["04/11/2026", "05/11/2026", "31/11/2026", "06/11/2026", "07/11/2026"]
    path = tmp_path / "compliments.csv"
    path.write_text("Compliment ID,Date,Team,Compliment\n" + "".join(
        f"{i},{d},team-x,Synthetic thanks\n" for i, d in zip(ids, dates, strict=True)))
    database = feedback.app.state.deps.settings.mongo_database
    env = {"QA_MONGO_DATABASE": database, "QA_IMPORT_CHUNK_ROWS": "2",
           "QA_IMPORT_REPORT_ROWS": "2"}
    async with TopicTail(topics.FEEDBACK) as tail:
        code, out, err = await run_cli("compliment", str(path), "--report",
                                       str(tmp_path / "report.csv"), "--quiet", env=env)
        assert code == 2, err[-2000:]  # some rows were quarantined
        good = {ids[n] for n in (0, 1, 3, 4)}
        seen: set[str] = set()
        await tail.wait_for(lambda e: seen.add(e["data"].get("source_id")) or good <= seen)
    assert "received 5, accepted 4" in out and "quarantined 1" in out
    assert "row 4: Date: not a UK date" in out  # row numbers count the header as row 1
    with (tmp_path / "report.csv").open() as handle:
        written = list(csv.DictReader(handle))
    assert [r["outcome"] for r in written] == ["accepted"] * 2 + ["quarantined"] + \
        ["accepted"] * 2

    import_id = out.split("import ")[1].split(":")[0]
    record = (await feedback.get(f"/feedback/imports/{import_id}", headers=HOQ)).json()
    assert record["status"] == "done" and record["pages"] == 3
    assert len(record["rows"]) == 2 and record["rows_truncated"]
    response = await feedback.get(f"/feedback/imports/{import_id}/report.csv", headers=HOQ)
    stored = list(csv.DictReader(io.StringIO(response.text)))
    assert [(r["row"], r["outcome"]) for r in stored] == \
        [(r["row"], r["outcome"]) for r in written]
    page = (await feedback.get(f"/feedback/imports/{import_id}/report", params={"page": 2},
                               headers=HOQ)).json()
    assert [r["outcome"] for r in page["rows"]] == ["quarantined", "accepted"]

    code, out, _ = await run_cli("compliment", str(path), "--quiet", env=env)
    assert code == 2 and "duplicates 4" in out  # re-import: nothing new


async def test_the_command_line_refuses_an_empty_file(feedback, tmp_path):
    path = tmp_path / "empty.csv"
    path.write_text("Compliment ID,Date,Team,Compliment\n")
    env = {"QA_MONGO_DATABASE": feedback.app.state.deps.settings.mongo_database}
    code, _, err = await run_cli("compliment", str(path), "--quiet", env=env)
    assert code == 1 and "no data rows" in err


async def test_an_import_that_stopped_is_shown_as_interrupted(feedback):
    imports = feedback.app.state.deps.imports
    import_id = uid("import")
    stale = feedback.app.state.deps.settings.import_stale_seconds
    await imports.started(import_id, source="compliment", filename="x.csv", by="test",
                          now=utc_now() - timedelta(seconds=stale + 60))
    record = (await feedback.get(f"/feedback/imports/{import_id}", headers=HOQ)).json()
    assert record["status"] == "interrupted" and "same file again" in record["note"]
    page = await feedback.get("/reconciliation", headers=HOQ)
    assert "interrupted" in page.text
