"""Every query learning runs is answered from an index (checked with `explain`, as
tests/integration/test_query_plans.py does for the other services)."""

from __future__ import annotations

import random
from collections.abc import AsyncIterator
from datetime import UTC, date, datetime, timedelta

import pytest
from pymongo import AsyncMongoClient

from shared.settings import ServiceSettings
from shared.store import Store
from tests.support.factories import uid
from tests.support.query_plans import Recorder, assert_indexed, check

KINDS = ["qa_forum", "performance_clinic", "managers_performance", "peer_challenge"]
TEAMS = [f"team-{n:02d}" for n in range(40)]
STATUSES = ["scheduled", "held", "signed_off"]


@pytest.fixture
async def plans() -> AsyncIterator[tuple[Store, Recorder]]:
    settings = ServiceSettings(service_name=uid("lplans").replace("-", "_"))
    recorder = Recorder(settings.database_name)
    client: AsyncMongoClient = AsyncMongoClient(settings.mongo_uri, event_listeners=[recorder],
                                                tz_aware=True)
    yield Store(client=client, db=client[settings.database_name]), recorder
    await client.drop_database(settings.database_name)
    await client.close()


def meetings(rng: random.Random) -> list[dict]:
    start = date(2020, 1, 1)
    found = []
    for n in range(4000):
        kind = rng.choice(KINDS)
        day = start + timedelta(days=rng.randrange(2500))
        status = rng.choice(STATUSES)
        document = {"_id": f"m-{n:05d}", "kind": kind, "status": status,
                    "team_id": rng.choice(TEAMS) if kind == "performance_clinic" else None,
                    "scheduled_for": day.isoformat()}
        if status != "scheduled":
            document["held_on"] = day.isoformat()
        if status == "signed_off" and kind == "performance_clinic" and n % 3 == 0:
            document["signed_outcomes"] = {"escalated_themes": [
                {"theme_id": "t1", "text": "Synthetic", "to": "partners"}]}
        if status == "signed_off" and kind == "qa_forum" and n % 5 == 0:
            document["answered_theme_keys"] = [f"m-{n - 1:05d}/t1"]
        found.append(document)
    return found


async def test_learning_queries_use_indexes(plans):
    from services.learning.adapters.directory import TEAMS as TEAM_COLLECTION
    from services.learning.adapters.directory import Directory
    from services.learning.adapters.findings import FINDINGS, FindingsSummaries
    from services.learning.adapters.meeting_actions import MEETING_ACTIONS, MeetingActions
    from services.learning.adapters.meetings import MEETINGS, Meetings
    from services.learning.adapters.schedule import SCHEDULE, ClinicSchedules
    from services.learning.adapters.themed_results import ThemedResults
    from services.learning.bootstrap import INDEXES
    from shared.outbox import OUTBOX_INDEXES

    store, recorder = plans
    rng = random.Random(12)
    now = datetime(2026, 12, 1, 9, tzinfo=UTC)
    await store.db[MEETINGS].insert_many(meetings(rng))
    await store.db[SCHEDULE].insert_many([
        {"_id": t, "due_by": f"2027-{n % 12 + 1:02d}-01", "active": True,
         "next_check": now + timedelta(days=n - 20) if n % 3 else None}
        for n, t in enumerate(TEAMS)])
    await store.db[MEETING_ACTIONS].insert_many([
        {"_id": f"a-{n:05d}", "meeting_id": f"m-{n % 4000:05d}", "status": "open",
         "due_date": f"2026-{n % 12 + 1:02d}-10"} for n in range(4000)])
    await store.db[TEAM_COLLECTION].insert_many([
        {"_id": t, "name": f"Fictional {t}", "active": n % 7 != 0, "revision": 1}
        for n, t in enumerate(TEAMS)])
    await store.db[FINDINGS].insert_many([{"_id": f"20{20 + n // 12}-{n % 12 + 1:02d}"}
                                          for n in range(60)])
    store.indexes = [*INDEXES, *OUTBOX_INDEXES]
    await store.create_indexes()

    repo = Meetings(store, outbox=None)  # type: ignore[arg-type] - reads only
    with recorder.case("meetings listed"):
        await repo.listed()
        await repo.listed(kind="qa_forum")
        await repo.listed(team_id="team-03")
        await repo.listed(kind="performance_clinic", team_id="team-03")
    with recorder.case("the last and the planned clinic"):
        await repo.last_held("performance_clinic", "team-03", before="2026-06-01")
        await repo.last_held("qa_forum", None, before="2026-06-01")
        await repo.last_signed_clinic("team-03")
        await repo.last_held_clinic("team-03")
        await repo.planned_clinic("team-03")
    with recorder.case("escalated themes and the Forums that answered them"):
        await repo.escalating()
        await repo.answering(["m-00041/t1", "m-00044/t1"])
    with recorder.case("a kind's meetings held in a period (the JLT report)"):
        await repo.held_between("qa_forum", "2026-07-01", "2026-09-30")
    from services.learning.adapters.exports import PLAN_EXPORTS, PlanExports
    await store.db[PLAN_EXPORTS].insert_many([
        {"_id": f"e-{n:04d}", "quarter": f"20{20 + n // 40}-Q{n % 4 + 1}",
         "exported_at": f"2026-01-{n % 28 + 1:02d}"} for n in range(400)])
    with recorder.case("a quarter's plan exports"):
        await PlanExports(store, outbox=None).of_quarter("2026-Q3")  # type: ignore[arg-type]
    schedule = ClinicSchedules(store)
    with recorder.case("the clinic schedule"):
        await schedule.due(now)
        await schedule.next_moment()
        await schedule.by_due_date()
    with recorder.case("a meeting's actions, the teams, the findings"):
        await MeetingActions(store).of_meeting("m-00042")
        await Directory(store).active_teams()
        await FindingsSummaries(store, outbox=None).latest()  # type: ignore[arg-type]
    with recorder.case("a month's themed audits (the monthly findings page)"):
        await ThemedResults(store).of_month("2026-10")
    from services.learning.adapters.learn import EVIDENCE_SIGNOFFS, RESULTS, SUPERVISIONS
    from services.learning.adapters.learn import EvidenceSignoffs, Results, Supervisions
    people = [f"p-{n:03d}" for n in range(200)]
    await store.db[RESULTS].insert_many([
        {"_id": f"r-{n:05d}", "social_worker_id": people[n % 200],
         "line_manager_id": people[n % 20], "auditor_ids": [people[(n * 7) % 200]],
         "delivered_at": f"2026-{n % 12 + 1:02d}-01"} for n in range(4000)])
    await store.db[SUPERVISIONS].insert_many([
        {"_id": f"s-{n:05d}", "supervisee_id": people[n % 200], "supervisor_id": people[n % 20],
         "held_on": f"2026-{n % 12 + 1:02d}-02", "status": "signed_off"} for n in range(2000)])
    await store.db[EVIDENCE_SIGNOFFS].insert_many([
        {"_id": f"{people[n % 200]}:audit:r-{n:05d}", "person_id": people[n % 200]}
        for n in range(2000)])
    with recorder.case("a person's results, supervisions and sign-offs (the learning record)"):
        results = Results(store, outbox=None)  # type: ignore[arg-type] - reads only
        await results.of_worker("p-042")
        await results.copied_to("p-002")
        await results.audited_by("p-014")
        await Supervisions(store, outbox=None).of_person("p-042")  # type: ignore[arg-type]
        await EvidenceSignoffs(store, outbox=None).of_person("p-042")  # type: ignore[arg-type]
    assert_indexed(await check(store.db, recorder, {}))
