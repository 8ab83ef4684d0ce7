"""Erasure's "Done when" (issue 14), on the real Kafka and store with all six services: a
child's data written through every service (tests/support/child_everywhere.py) and all in
their subject access bundle; the briefing's figures read; the child erased through data
protection's API and every service confirming; then no Kafka topic, raw or opened with the
services' key ring, and no collection of any database holds their case reference, its
hash or any free text written about them; a full reporting rebuild into a new generation
shows none of it either; and the briefing's figures are the same after the erasure and
after the rebuild."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from services.reporting.domain.facts.audits import case_key
from shared.envelope import utc_now
from tests.e2e.data_protection.test_erasure import documents_naming
from tests.e2e.test_personal_data_sealed import every_message
from tests.support.auth import bearer
from tests.support.child_everywhere import OFFICER, complete_bundle, write_everywhere
from tests.support.factories import uid, unique_month
from tests.support.kafka import personal_data
from tests.support.waiting import eventually

ROOT = Path(__file__).resolve().parents[3]
DIRECTOR = bearer("director")
OTHERS = {"audit_capture", "feedback_ingestion", "action_tracking", "reporting", "learning",
          "data_protection"}  # its own: the subject access bundles


def allowed(erasure_id: str, request_id: str) -> list[str]:
    """Where the child's reference may stay after their erasure, and only there (data
    protection's README): the erasure's own record and the subject access request's, which
    keep it in clear so the officer can answer for what was asked and done (accountability,
    art. 5(2)). The bundle gathered for the request is emptied with the rest."""
    return sorted([f"qa_data_protection.erasures {erasure_id}",
                   f"qa_data_protection.subject_access_requests {request_id}"])


async def _only_where_allowed(needles: list[str], allowed_now: list[str]) -> None:
    found = sorted(await documents_naming(*needles))
    assert not set(found) - set(allowed_now), f"still naming the child: {found}"
    assert found == allowed_now, f"the officer's own records: {found}"


async def _briefings(services, http, child) -> dict[str, dict]:
    """The monthly briefing's JSON for the child's team: the audit's month, and this month
    (the checklist, feedback, complaint, circle and their actions)."""
    found = {}
    for month in (child.month, utc_now().strftime("%Y-%m")):
        answer = await http.get(f"{services.url('reporting')}/reports/monthly-briefing",
                                params={"month": month, "team": child.team_id}, headers=DIRECTOR)
        assert answer.status_code == 200, answer.text
        found[month] = answer.json()
    return found


def _differences(now: object, was: object, at: str = "") -> list[str]:
    """Where two briefings differ, by path, for a failure to say."""
    if isinstance(now, dict) and isinstance(was, dict):
        return [d for k in sorted(set(now) | set(was), key=str)
                for d in _differences(now.get(k), was.get(k), f"{at}.{k}")]
    return [] if now == was else [f"{at}: {was!r} became {now!r}"]


async def _figures_as_before(services, http, child, before: dict) -> None:
    assert _differences(await _briefings(services, http, child), before) == []


async def _nowhere_on_kafka(needles: list[str]) -> None:
    raw = await every_message()
    opened = await personal_data().open_raw(raw)
    for name, messages in (("raw", raw), ("opened", opened)):
        found = [json.loads(m).get("event_type", "?") + f" {n}" for m in messages
                 for n in needles if n.encode() in m]
        assert found == [], f"on a topic, {name}"


def _rebuild_reporting() -> str:
    """`make reporting-rebuild`'s command, against the test stack this session runs."""
    done = subprocess.run([sys.executable, "-m", "services.reporting.rebuild", "--quiet"],
                          cwd=ROOT, env=os.environ.copy(), capture_output=True, text=True,
                          timeout=300)
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stdout


@pytest.mark.timeout(600)
async def test_an_erased_childs_data_is_nowhere_and_the_figures_stay(services, http):
    child = await write_everywhere(services, http, uid("erase"), unique_month())
    needles = [child.case_ref, case_key(child.case_ref), *child.words]
    request_id, _ = await complete_bundle(services, http, child.case_ref)
    before = await _briefings(services, http, child)

    protection = services.url("data_protection")
    erased = await http.post(f"{protection}/erasures", headers=OFFICER, json={
        "kind": "child", "reference": child.case_ref,
        "reason": "Fictional: the right to erasure, art. 17"})
    assert erased.status_code == 201, erased.text
    erasure_id = erased.json()["_id"]

    async def confirmed_by_all():
        shown = (await http.get(f"{protection}/erasures/{erasure_id}", headers=OFFICER)).json()
        return shown if shown["pending"] == [] else None
    shown = await eventually(confirmed_by_all, timeout=90, what="every service confirmed")
    assert set(shown["confirmed"]) == OTHERS

    await _nowhere_on_kafka(needles)
    await _only_where_allowed(needles, allowed(erasure_id, request_id))
    await _figures_as_before(services, http, child, before)

    rebuilt = re.search(r"rebuilt generation (\d+) \(was (\d+)\)", _rebuild_reporting())
    assert rebuilt and rebuilt[1] != rebuilt[2], "the rebuild swapped in a new generation"
    await _only_where_allowed(needles, allowed(erasure_id, request_id))

    async def rebuilt_figures():  # reporting reads the new generation within a pointer TTL
        return await _briefings(services, http, child) == before or None
    try:
        await eventually(rebuilt_figures, timeout=30, what="the rebuilt briefing as before")
    except AssertionError:
        await _figures_as_before(services, http, child, before)  # shows what differs
