"""The demo loader posts a (small) synthetic year through the public APIs; reporting shows it."""

from __future__ import annotations

import asyncio
import sys

import pytest

from services.reporting.domain.periods import shift
from shared.envelope import utc_now
from tests.support.auth import bearer
from tests.support.factories import uid
from tests.support.waiting import eventually


@pytest.mark.timeout(300)
async def test_the_demo_year_reaches_the_briefing(services, http):
    prefix = uid("demo")
    args = ["--teams", "3", "--staff", "9", "--months", "2", "--audits-per-month", "3",
            "--feedback-per-month", "4", "--complaints-per-month", "2",
            "--observations-per-month", "2", "--team-prefix", prefix, "--force",
            "--audit-capture", services.url("audit_capture"),
            "--feedback-ingestion", services.url("feedback_ingestion"),
            "--reporting", services.url("reporting")]
    process = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "tools.demo", *args,
        stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE)
    out, err = await asyncio.wait_for(process.communicate(), timeout=120)
    assert process.returncode == 0, err.decode()[-2000:]
    month = shift(utc_now().strftime("%Y-%m"), -1)

    async def shown():
        response = await http.get(f"{services.url('reporting')}/reports/monthly-briefing",
                                  params={"month": month}, headers=bearer("director"))
        seen.append((response.status_code, response.text[:300]))
        if response.status_code != 200:
            return None
        body = response.json()
        complete = (body["audits"]["completed"] >= 3 and body["moderation"]["moderated"] >= 1
                    and body["complaints"]["received"] >= 1
                    and body["observations"]["done"] >= 1)
        return body if complete else None

    seen: list = []

    # Under a loaded machine the audits pass through two services and Kafka: allow a minute.
    try:
        body = await eventually(shown, what="the demo's audits, moderation, complaints and "
                                "observations in the briefing", timeout=90)
    except AssertionError as error:
        raise AssertionError(f"{error}; last response: {seen[-1:]}; demo said {out[-300:]!r}") from None
    assert sum(body["feedback"]["by_source"].values()) >= 1
    # The demo's moderations carry their outcomes: the moderators' judgements reach the
    # auditors' competency records.
    records = (await http.get(f"{services.url('reporting')}/reports/auditors",
                              params={"to_month": month},
                              headers=bearer("head_of_quality"))).json()["auditors"]
    assert sum(r["moderated"] for r in records) >= 1
    assert sum(r["evidence_quality"]["not_judged"] for r in records) < sum(
        r["moderated"] for r in records)
