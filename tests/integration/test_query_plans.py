"""Every query the services run often is answered from an index (checked with `explain`).

Each test fills a throwaway database with enough synthetic documents for the planner's
choice to mean something, creates the indexes the service declares (its bootstrap's
INDEXES and the outbox's), then drives the real repository code on a client that records
the commands it sends, and explains each one (tests/support/query_plans.py says what fails).

Queries that must read everything are listed below as exceptions, each with its reason; an
exception that no longer matches a query that needs it fails the test too.
"""

from __future__ import annotations

import random
from collections.abc import AsyncIterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from types import SimpleNamespace
from typing import Any

import pytest
from pymongo import AsyncMongoClient

from shared.settings import ServiceSettings
from shared.store import IndexSpec, Store, ascending
from tests.support.factories import uid
from tests.support.query_plans import Recorder, assert_indexed, check

TEAMS = [f"team-{n:02d}" for n in range(20)]
MONTHS = [f"{2025 + (m // 12)}-{m % 12 + 1:02d}" for m in range(24)]  # 2025-01 .. 2026-12


@dataclass
class PlanDb:
    store: Store
    recorder: Recorder

    @property
    def db(self):
        return self.store.db

    async def seed(self, collection: str, documents: list[dict[str, Any]]) -> None:
        for start in range(0, len(documents), 5000):
            await self.db[collection].insert_many(documents[start:start + 5000], ordered=False)

    async def indexes(self, specs: list[IndexSpec]) -> None:
        self.store.indexes = specs
        await self.store.create_indexes()

    async def check(self, exceptions: dict[str, str] | None = None) -> None:
        assert_indexed(await check(self.db, self.recorder, exceptions))


@pytest.fixture
async def plans() -> AsyncIterator[PlanDb]:
    """A throwaway database on a client whose commands are recorded."""
    name = uid("qplans").replace("-", "_")
    settings = ServiceSettings(service_name=name)
    recorder = Recorder(settings.database_name)
    client: AsyncMongoClient = AsyncMongoClient(
        settings.mongo_uri, event_listeners=[recorder], tz_aware=True,
        serverSelectionTimeoutMS=settings.mongo_timeout_ms,
        timeoutMS=settings.mongo_operation_timeout_ms)
    yield PlanDb(Store(client=client, db=client[settings.database_name]), recorder)
    await client.drop_database(settings.database_name)
    await client.close()


# --- the checker itself --------------------------------------------------------------------

async def test_the_checker_fails_a_query_no_index_answers(plans):
    await plans.seed("things", [{"_id": f"t-{n:05d}", "a": n % 97, "b": n % 89, "c": n}
                                for n in range(5000)])
    await plans.indexes([IndexSpec("things", ascending("a"))])
    things = plans.db["things"]
    with plans.recorder.case("no index on b"):
        await things.find({"b": 3}).to_list(None)
    with plans.recorder.case("no index on b, sorted by _id"):
        await things.find({"b": 3}).sort("_id").limit(50).to_list(None)
    with plans.recorder.case("counting by b"):
        await things.count_documents({"b": 3})
    with plans.recorder.case("a latest-N whose order no index gives", top=True):
        await things.find({"a": 3}).sort("c", -1).limit(5).to_list(None)
    with plans.recorder.case("indexed"):
        await things.find({"a": 3}).to_list(None)
    with plans.recorder.case("sends nothing"):
        pass

    report = await check(plans.db, plans.recorder, {"things find {\"z\": \"?\"}": "stale"})
    verdicts = {c.query.case: c.problems for c in report.checked}
    assert verdicts["no index on b"] == ["COLLSCAN: reads the whole collection"]
    assert "over all of _id_" in " ".join(verdicts["no index on b, sorted by _id"])
    assert "COLLSCAN" in " ".join(verdicts["counting by b"])
    assert "SORT in memory" in " ".join(verdicts["a latest-N whose order no index gives"])
    assert verdicts["indexed"] == []
    failures = "\n".join(report.failures())
    assert 'exception no longer needed (no such query, or it uses an index now): things find {"z"' \
        in failures
    assert "case sent no query (did the code change?): sends nothing" in failures
    with pytest.raises(AssertionError, match="queries not answered from an index"):
        assert_indexed(report)

    # Listed as an exception, the same query passes; the reason is kept in the report.
    plans.recorder.queries = [q for q in plans.recorder.queries if q.case == "no index on b"]
    plans.recorder.cases = {"no index on b": 1}
    report = await check(plans.db, plans.recorder, {'things find {"b": "?"}': "a test"})
    assert report.failures() == [] and report.checked[0].excused == "a test"


# --- audit capture -------------------------------------------------------------------------

AUDIT_CAPTURE_EXCEPTIONS = {
    "staff find {}":
        "who manages whom, the whole directory read at once and kept in memory "
        "(adapters/staff.py), re-read at most every 30 s",
    'themes find {} sort {"title": 1}': "the theme list itself (a handful of themes)",
    'audits find {"moderation": {"$exists": "?"}} sort {"_id": 1}':
        "moderation agreement over every month, an all-time report; a month narrows it "
        "(month_1_team_id_1). An index would have to be sparse to answer $exists, and "
        "IndexSpec has no sparse option",
}


def audit_documents(rng: random.Random, auditors: list[str]) -> list[dict[str, Any]]:
    documents = []
    for n in range(6000):
        month = MONTHS[n % len(MONTHS)]
        status = rng.choice(["allocated", "draft", "submitted", "submitted", "moderated",
                             "signed_off"])
        document = {"_id": f"audit-{n:05d}", "month": month, "team_id": rng.choice(TEAMS),
                    "case_ref": f"TEST-CASE-{n % 2500:05d}", "status": status,
                    "auditor_ids": rng.sample(auditors, 2), "social_worker_id": f"sw-{n % 250}",
                    "deadline": f"{month}-20", "idempotency_key": None, "version": 1,
                    "allocation_id": f"alloc-{n}" if n % 3 else None}
        if status in ("moderated", "signed_off"):
            document["moderation"] = {"moderator_id": rng.choice(auditors), "month": month}
        documents.append(document)
    return documents


async def test_audit_capture_queries_use_indexes(plans):
    from services.audit_capture.adapters.aggregates import Aggregates
    from services.audit_capture.adapters.audits import AuditRepository
    from services.audit_capture.adapters.collections import MONTHS as PROGRAMME_MONTHS
    from services.audit_capture.adapters.collections import OBSERVATIONS, THEMES
    from services.audit_capture.adapters.collections import TEAMS as TEAM_COLLECTION
    from services.audit_capture.adapters.staff import STAFF, Staff
    from services.audit_capture.bootstrap import INDEXES
    from shared.outbox import OUTBOX_INDEXES

    rng = random.Random(1)
    auditors = [f"staff-{n:03d}" for n in range(250)]
    await plans.seed("audits", audit_documents(rng, auditors))
    await plans.seed(STAFF, [{"_id": p, "team_id": TEAMS[n % 20], "audit_group": n % 3 + 1,
                              "line_manager_id": f"staff-{n - n % 10:03d}", "version": 1}
                             for n, p in enumerate(auditors)])
    await plans.seed(TEAM_COLLECTION, [{"_id": t, "name": t, "version": 1} for t in TEAMS])
    await plans.seed(PROGRAMME_MONTHS, [{"_id": m, "audit_group": n % 3 + 1, "version": 1}
                                        for n, m in enumerate(MONTHS)])
    await plans.seed(THEMES, [{"_id": f"theme-{n}", "title": f"Theme {n}"} for n in range(8)])
    await plans.seed(OBSERVATIONS, [
        {"_id": f"obs-{n:05d}", "kind_of_record": rng.choice(["practice", "meeting", "checklist"]),
         "kind": rng.choice(["home_visit", "supervision", "direct_work"]),
         "team_id": rng.choice(TEAMS), "observed_on": f"{MONTHS[n % 24]}-11"}
        for n in range(3000)])
    await plans.indexes([*INDEXES, *OUTBOX_INDEXES])

    store, record = plans.store, plans.recorder.case
    audits = AuditRepository(store, outbox=None)
    staff = Staff(store, outbox=None)
    teams, months = Aggregates(store, None, TEAM_COLLECTION), Aggregates(store, None, PROGRAMME_MONTHS)
    observations, themes = Aggregates(store, None, OBSERVATIONS), Aggregates(store, None, THEMES)
    month, auditor = "2026-03", auditors[7]

    # GET /audits with each filter the API takes (entrypoints/audits.py), and the pages.
    for query in ({}, {"month": month}, {"auditor_ids": auditor}, {"status": "submitted"},
                  {"month": month, "status": "submitted"},
                  {"month": month, "auditor_ids": auditor, "status": "allocated"}):
        with record(f"GET /audits {sorted(query)}"):
            await audits.find(query)
    with record("my allocations (home page, /audits/mine)"):
        await audits.find({"auditor_ids": auditor}, sort="deadline")
    with record("moderation agreement of a month"):
        await audits.find({"moderation": {"$exists": True}, "month": month}, limit=5000)
    with record("moderation agreement, every month"):
        await audits.find({"moderation": {"$exists": True}}, limit=5000)
    with record("drawing a sample: recently audited cases"):
        await audits.recently_audited([f"TEST-CASE-{n:05d}" for n in range(0, 400, 7)],
                                      first="2025-06", last="2026-05")
    with record("allocating: auditors already allocated"):
        await audits.allocated_auditors(month)
    with record("planning and moderation pages: a month's audits"):
        await audits.of_month(month)
    with record("moderation sample: a month's submitted audits"):
        await audits.of_month(month, status="submitted")
    with record("staff list by team, by audit group"):
        await staff.find({"team_id": TEAMS[3]}, limit=10_000)
        await staff.find({"audit_group": 2})
    with record("allocating: the chosen auditors"):
        await staff.find({"_id": {"$in": auditors[:4]}})
    with record("directory: every person and team (import check, lists)"):
        await staff.find({}, limit=100_000)
        await teams.find({}, limit=10_000)
    with record("line managers, cached"):
        await staff.line_manager_of(auditors[12])
    with record("planning page: programme months"):
        await months.find({}, sort="_id", limit=60)
    with record("observations, all and by kind of record"):
        await observations.find({})
        await observations.find({"kind_of_record": "meeting"})
    with record("themes"):
        await themes.find({})
        await themes.find({}, sort="title")

    await plans.check(AUDIT_CAPTURE_EXCEPTIONS)
