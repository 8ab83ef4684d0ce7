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
from pymongo import AsyncMongoClient, DeleteOne, InsertOne, UpdateMany

from shared.settings import ServiceSettings
from shared.store import IndexSpec, Store, ascending
from tests.support.factories import uid
from tests.support.query_plans import Allowed, Recorder, assert_indexed, check

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

    async def check(self, exceptions: dict[str, str | Allowed] | None = None) -> None:
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
    with plans.recorder.case("a client bulk write (as the outbox's group commit sends)"):
        namespace = f"{plans.db.name}.things"
        await plans.store.client.bulk_write([
            InsertOne({"_id": "t-new", "a": 1}, namespace=namespace),
            UpdateMany({"b": 4}, {"$set": {"seen": True}}, namespace=namespace),
            DeleteOne({"a": 5}, namespace=namespace)])
    with plans.recorder.case("sends nothing"):
        pass

    report = await check(plans.db, plans.recorder, {"things find {\"z\": \"?\"}": "stale"})
    verdicts = {c.query.case: c.problems for c in report.checked}
    assert verdicts["no index on b"] == ["COLLSCAN: reads the whole collection"]
    assert "over all of _id_" in " ".join(verdicts["no index on b, sorted by _id"])
    assert "COLLSCAN" in " ".join(verdicts["counting by b"])
    assert "SORT in memory" in " ".join(verdicts["a latest-N whose order no index gives"])
    assert verdicts["indexed"] == []
    bulk = [c for c in report.checked if c.query.case.startswith("a client bulk write")]
    assert [(c.query.op, c.problems) for c in bulk] == [
        ("update", ["COLLSCAN: reads the whole collection"]), ("delete", [])]
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
    from services.audit_capture.adapters.audits import AuditRepository
    from services.audit_capture.adapters.collections import MONTHS as PROGRAMME_MONTHS
    from services.audit_capture.adapters.collections import OBSERVATIONS, THEMES
    from services.audit_capture.adapters.collections import TEAMS as TEAM_COLLECTION
    from services.audit_capture.adapters.observations import Observations
    from services.audit_capture.adapters.programme import ProgrammeMonths
    from services.audit_capture.adapters.staff import STAFF, Staff
    from services.audit_capture.adapters.teams import Teams
    from services.audit_capture.adapters.themes import Themes
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
         "team_id": rng.choice(TEAMS), "observed_on": f"{MONTHS[n % 24]}-11",
         **({"worker_id": f"sw-{n % 250}"} if n % 3 else {"social_worker_id": f"sw-{n % 250}"})}
        for n in range(3000)])
    await plans.indexes([*INDEXES, *OUTBOX_INDEXES])

    store, record = plans.store, plans.recorder.case
    audits = AuditRepository(store, outbox=None)
    staff = Staff(store, outbox=None)
    teams, months = Teams(store, None), ProgrammeMonths(store, None)
    observations, themes = Observations(store, None), Themes(store, None)
    month, auditor = "2026-03", auditors[7]

    # GET /audits with each filter the API takes (entrypoints/api/audits.py), and the pages.
    for criteria in ({}, {"month": month}, {"auditor_id": auditor}, {"status": "submitted"},
                     {"month": month, "status": "submitted"},
                     {"month": month, "auditor_id": auditor, "status": "allocated"}):
        with record(f"GET /audits {sorted(criteria)}"):
            await audits.matching(**criteria)
    with record("my allocations (home page, /audits/mine)"):
        await audits.allocated_to(auditor)
    with record("moderation agreement of a month"):
        await audits.moderated(month)
    with record("moderation agreement, every month"):
        await audits.moderated()
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
        await staff.listed(team_id=TEAMS[3])
        await staff.listed(audit_group=2)
        await staff.in_audit_group(2)
    with record("allocating: the chosen auditors"):
        await staff.audit_groups_of(auditors[:4])
    with record("directory: every person and team (import check, lists)"):
        await staff.ids()
        await staff.listed()
        await teams.ids()
        await teams.listed()
    with record("line managers, cached"):
        await staff.line_manager_of(auditors[12])
    with record("planning page: programme months"):
        await months.latest(limit=60)
    with record("a social worker's home page: the audits of their cases, their observations"):
        await audits.of_worker("sw-17", statuses=("submitted", "moderated", "signed_off"))
        await observations.about_worker("sw-17")
    with record("rotation: the planned months either side of a month"):
        await months.last_before("2027-02")
        await months.first_after("2024-06")
    with record("observations, all and by kind of record"):
        await observations.listed()
        await observations.listed("meeting")
    with record("themes"):
        await themes.listed()
        await themes.by_title()

    await plans.check(AUDIT_CAPTURE_EXCEPTIONS)


# --- action tracking -----------------------------------------------------------------------

ACTION_TRACKING_EXCEPTIONS = {
    "webhook_subscriptions find {}":
        "the admin's list of webhook subscriptions (a handful of receiving systems)",
    'alerts find {"$or": [{"owner_id": "?"}, {"escalated_to": "?"}, {"team_id": {"$in": "?"}}]} '
    'sort {"raised_at": -1}': Allowed(
        "an $or is planned branch by branch (SUBPLAN): each branch is a range of its own "
        "index (owner_id, escalated_to, team_id, each then raised_at), so only the alerts "
        "this person may see are read, then sorted together in memory: no one index gives "
        "the order across the branches", only="SORT"),
    "actions find {}": "once per store, the first time the service starts after actions' "
        "statuses moved onto their deadlines: the counters' starting values",
}


def action_documents(rng: random.Random, people: list[str], origins: list[str]):
    statuses = ["open", "open", "in_progress", "completed", "confirmed", "confirmed",
                "cancelled"]
    today = date(2026, 12, 1)
    for n in range(5000):
        owner = rng.choice(people)
        yield {"_id": f"action-{n:05d}", "status": rng.choice(statuses), "owner_id": owner,
               "team_id": TEAMS[people.index(owner) % 20],
               "origin": {"kind": "audit", "id": rng.choice(origins)},
               "due_date": (today + timedelta(days=rng.randint(-400, 120))).isoformat(),
               "description": "Synthetic action.", "history": [], "version": 1}


def alert_documents(rng: random.Random, people: list[str]):
    start = datetime(2025, 1, 1, tzinfo=UTC)
    for n in range(5000):
        owner = rng.choice(people)
        escalated = rng.choice(people[:20]) if n % 9 == 0 else None
        yield {"_id": f"alert-{n:05d}", "kind": rng.choice(["due_soon", "overdue", "escalated"]),
               "about": "action", "about_id": f"action-{n:05d}", "owner_id": owner,
               "team_id": TEAMS[people.index(owner) % 20], "escalated_to": escalated,
               "raised_at": start + timedelta(minutes=157 * n), "version": 1}


def deadline_documents(rng: random.Random, people: list[str]):
    start = date(2025, 1, 1)
    for n in range(5000):
        about = rng.choice(["action", "action", "audit", "complaint_stage"])
        due = start + timedelta(days=n % 700)
        due_at = datetime.combine(due, datetime.min.time(), tzinfo=UTC) + timedelta(days=1)
        is_open = n % 4 == 0 or due > date(2026, 11, 1)
        yield {"_id": f"deadline-{n:05d}", "about": about, "about_id": f"{about}-{n:05d}",
               "due_on": due.isoformat(), "due_at": due_at,
               "moments": {"overdue": due_at}, "done": [], "open": is_open,
               "next_at": due_at if is_open and n % 3 else None,
               "team_id": rng.choice(TEAMS), "owner_id": rng.choice(people),
               "match_keys": [f"audit-window:{n % 300}"] if about == "audit" else []}


async def test_action_tracking_queries_use_indexes(plans):
    from services.action_tracking.adapters.actions import ActionRepository
    from services.action_tracking.adapters.alerts import AlertStore
    from services.action_tracking.adapters.deadlines import DeadlineStore
    from services.action_tracking.adapters.directory import PEOPLE, Directory
    from services.action_tracking.adapters.directory import TEAMS as TEAM_COLLECTION
    from services.action_tracking.adapters.webhooks import DELIVERIES, SUBSCRIPTIONS, WebhookStore
    from services.action_tracking.application.alerts import viewer_for
    from services.action_tracking.bootstrap import INDEXES
    from services.action_tracking.domain.deadlines import Rule
    from shared.auth import Principal, Role
    from shared.outbox import OUTBOX_INDEXES

    rng = random.Random(2)
    people = [f"person-{n:03d}" for n in range(300)]
    origins = [f"audit-{n}" for n in range(2000)]
    await plans.seed("actions", list(action_documents(rng, people, origins)))
    await plans.seed("alerts", list(alert_documents(rng, people)))
    await plans.seed("deadlines", list(deadline_documents(rng, people)))
    await plans.seed(PEOPLE, [{"_id": p, "team_id": TEAMS[n % 20], "revision": 1,
                               "line_manager_id": people[n - n % 15], "active": True}
                              for n, p in enumerate(people)])
    await plans.seed(TEAM_COLLECTION, [{"_id": t, "head_of_service_id": people[n % 4],
                                        "revision": 1} for n, t in enumerate(TEAMS)])
    await plans.seed(SUBSCRIPTIONS, [
        {"_id": f"sub-{n}", "kinds": ["overdue", "escalated"][:n % 2 + 1],
         "url": "http://127.0.0.1:9/hook", "secret": "synthetic"} for n in range(6)])
    await plans.seed(DELIVERIES, [
        {"_id": f"delivery-{n:05d}", "state": "dead" if n % 10 == 0 else "delivered",
         "failed_at": datetime(2026, 1, 1, tzinfo=UTC) + timedelta(minutes=n), "body": "{}"}
        for n in range(3000)])
    await plans.indexes([*INDEXES, *OUTBOX_INDEXES])

    store, record = plans.store, plans.recorder.case
    actions = ActionRepository(store, outbox=None)
    alerts = AlertStore(SimpleNamespace(store=store, publisher=None))
    deadlines = DeadlineStore(store, Rule())
    directory = Directory(store)
    webhooks = WebhookStore(store)
    now = datetime(2026, 12, 1, 9, tzinfo=UTC)
    owner, manager, head = people[31], people[30], people[1]

    viewers = {
        "social worker": Principal(owner, frozenset({Role.SOCIAL_WORKER}), TEAMS[11]),
        "team manager": Principal(manager, frozenset({Role.TEAM_MANAGER}), TEAMS[10]),
        "head of service": Principal(head, frozenset({Role.HEAD_OF_SERVICE}), TEAMS[1]),
        "head of quality": Principal("hoq-1", frozenset({Role.HEAD_OF_QUALITY})),
    }
    for who, principal in viewers.items():
        if principal.roles & {Role.TEAM_MANAGER, Role.HEAD_OF_SERVICE}:
            with record(f"{who}: the teams they see (directory)"):
                viewer = await viewer_for(principal, directory)
        else:
            viewer = await viewer_for(principal, directory)
        with record(f"{who}: recent alerts (/alerts, team page)", top=True):
            await alerts.recent_seen_by(viewer)
            await alerts.recent_seen_by(viewer, limit=10)
        with record(f"{who}: the team page's live actions"):
            await actions.unfinished_seen_by(viewer)
    with record("my actions page"):
        await actions.unfinished_owned_by(owner)
    # GET /actions with each filter it takes (entrypoints/api/actions.py), by one who sees
    # every action and by a social worker (their own and their team's).
    readers = {"all": await viewer_for(viewers["head of quality"], directory),
               "scoped": await viewer_for(viewers["social worker"], directory)}
    for criteria in ({}, {"origin_id": "audit-17"}, {"owner_id": owner}, {"team_id": TEAMS[4]},
                     {"status": "open"}, {"team_id": TEAMS[4], "status": "open"}):
        for scope, reader in readers.items():
            with record(f"GET /actions {sorted(criteria)}, {scope}"):
                await actions.matching(reader, **criteria)
    with record("deadline engine: what is due, the next moment", top=True):
        await deadlines.due(now)
        await deadlines.next_moment()
    with record("deadline engine: overdue actions (pages)"):
        await deadlines.overdue_ids("action", now)
        await deadlines.overdue_count("action", now)
    with record("metrics: actions by status (counters), the overdue of each open status"):
        await deadlines.action_counts()
        await deadlines.overdue_actions(["open", "in_progress"], now)
    with record("an action's status on its deadline, counted (the qa.action consumer)"):
        await deadlines.set_action_status("action-00004", "completed", is_open=False)
    with record("once per store: every action's status, to fill the counters"):
        [_ async for _ in actions.statuses()]
    with record("an audit window closed: its deadlines cleared"):
        await deadlines.clear_matching("audit-window:17")
    with record("who may change an action (lifecycle)"):
        await directory.manages(manager, owner, TEAMS[10])
        await directory.service_teams(head)
    with record("names for the ids pages show, a team's people, alerts' actions (issue 11)"):
        await directory.people_named({owner, manager})
        await directory.teams_named({TEAMS[1], TEAMS[2]})
        await directory.team_people(TEAMS[3])
        await directory.active_people_in({TEAMS[3], TEAMS[4]})
        await actions.with_ids({"action-00004", "action-00005"})
        await alerts.get("alert-00001")
    with record("webhooks: subscriptions of a kind, dead letters, the list"):
        await webhooks.for_kind("overdue")
        await webhooks.list()
    with record("webhooks: dead letters", top=True):
        await webhooks.dead_letters()

    await plans.check(ACTION_TRACKING_EXCEPTIONS)


# --- the outbox (shared/outbox_relay.py), which every service relays -----------------------

class Acknowledging:
    """A publisher whose broker acknowledges everything at once."""

    def __init__(self) -> None:
        self.published = 0

    async def publish_in_order(self, events) -> None:
        self.published += len(events)


async def test_outbox_queries_use_indexes(plans, metrics):
    from shared.outbox import OUTBOX, OUTBOX_INDEXES
    from shared.outbox_relay import OutboxRelay
    from tests.support.events import audit_submitted, envelope_for

    envelope = envelope_for(audit_submitted()).model_dump(mode="json")
    now = datetime.now(UTC)
    entries = []
    for n in range(3000):  # pending: recent writes (most), and a few a crash left behind
        written_at = now - (timedelta(minutes=10) if n % 500 == 0 else timedelta(seconds=n % 3))
        entries.append({"_id": f"event-{n:05d}", "aggregate": f"audits/audit-{n // 3:05d}",
                        "topic": "qa.audit", "envelope": envelope, "written_at": written_at,
                        "position": n % 3})
    await plans.seed(OUTBOX, entries)
    await plans.indexes(list(OUTBOX_INDEXES))

    publisher = Acknowledging()
    relay = OutboxRelay(plans.store, publisher, metrics)
    record = plans.recorder.case
    with record("flush: one aggregate's pending events, oldest first"):
        assert await relay.flush("audits", "audit-00417")
    relay.unflushed = {"event-00100", "event-00101"}  # their flush failed in this process
    with record("relay: the overdue and the unflushed, oldest first", top=True):
        await relay.relay_once()
    with record("relay: when the oldest left becomes overdue", top=True):
        await relay._next_look()
    assert publisher.published == 3 + 6 + 2  # the flush, the six left behind, the unflushed

    await plans.check({})  # no exceptions: every outbox query is served by an index


# --- reporting -----------------------------------------------------------------------------

REPORTING_EXCEPTIONS: dict[str, str] = {}  # every reporting query is served by an index


def reporting_events() -> list[Any]:
    """Two years of 20 teams (tests/support/reporting_scenario.py's month, 19 events per team
    and month), the directory, concerns, checklists and locality indicators."""
    from schemas.audit import SafeguardingConcernRaised
    from schemas.directory import StaffMemberUpserted, TeamUpserted
    from schemas.observation import ChecklistAnswer, ConferenceChecklistRecorded
    from schemas.performance import LocalityIndicatorRecorded
    from tests.support.reporting_scenario import month_of_events

    events: list[Any] = [TeamUpserted(team_id=t, name=f"Team {t}", head_of_service_id="hos-1")
                         for t in TEAMS]
    events += [StaffMemberUpserted(person_id=f"sw-{n:03d}", display_name=f"Worker {n}",
                                   team_id=TEAMS[n % 20], job_role="social_worker",
                                   line_manager_id=f"tm-{n % 20:02d}") for n in range(250)]
    at = datetime(2026, 11, 30, tzinfo=UTC)
    for m, month in enumerate(MONTHS):
        held_on = date.fromisoformat(f"{month}-14")
        for t, team in enumerate(TEAMS):
            scenario = month_of_events(month, team, f"theme-{m % 5}")
            events += scenario
            audit = next(e for e in scenario if e.event_type == "audit.submitted")
            events.append(SafeguardingConcernRaised(
                concern_id=uid("concern"), audit_id=audit.audit_id, case_ref=audit.case_ref,
                team_id=team, raised_by="auditor-x", summary="Synthetic concern.",
                raised_at=datetime.combine(held_on, datetime.min.time(), tzinfo=UTC)))
            events.append(ConferenceChecklistRecorded(
                checklist_id=uid("checklist"), conference_type="cp_review", chair_id="iro-x",
                chair_role="iro", held_on=held_on, case_ref=audit.case_ref, team_id=team,
                social_worker_id=f"sw-{t:03d}", quality_grade="good", impact_grade="good",
                feedback="Synthetic feedback.",
                answers=[ChecklistAnswer(item="Plan reviewed", answer="yes")]))
            events += [LocalityIndicatorRecorded(
                team_id=team, month=month, indicator=name, value=float(m + t), target=10.0,
                import_id="import-x", imported_by="performance-x", imported_at=at)
                for name in ("visits_in_timescale", "plans_up_to_date")]
    return events


async def seed_facts(plans: PlanDb) -> None:
    from services.reporting.adapters.batch import fold
    from services.reporting.domain.facts import FACT_FUNCTIONS

    as_of = datetime.now(UTC)
    pending: dict[str, list[Any]] = {}
    for event in reporting_events():
        for fact in FACT_FUNCTIONS[type(event)](event):
            pending.setdefault(fact.collection, []).append(
                (fact.collection, fact.fact_id, fact.fields, as_of))
    for collection, items in pending.items():
        await plans.seed(collection, list(fold(items).values()))


async def test_reporting_queries_use_indexes(plans):
    from services.reporting.adapters.facts import FactStore
    from services.reporting.application import lists, reports
    from services.reporting.bootstrap import INDEXES, build_deps
    from services.reporting.domain import names
    from services.reporting.settings import ReportingSettings
    from shared.outbox import OUTBOX_INDEXES

    await seed_facts(plans)
    await plans.indexes([*INDEXES, *OUTBOX_INDEXES])
    deps = build_deps(SimpleNamespace(store=plans.store, outbox=None, publisher=None),
                      ReportingSettings())
    facts: FactStore = deps.facts
    record, today = plans.recorder.case, date(2026, 12, 1)
    team, theme, month = TEAMS[7], "theme-2", "2026-10"

    for filters in ({}, {"team": team}, {"theme": theme}, {"team": team, "theme": theme}):
        with record(f"monthly briefing {sorted(filters)}"):
            await reports.briefing(deps, period=month, today=today, **filters)
    with record("quarterly briefing"):
        await reports.briefing(deps, period="2026-Q3", today=today)
    for filters in ({}, {"team": team, "theme": theme}):
        with record(f"QA Forum pack {sorted(filters)}"):
            await reports.forum_pack(deps, quarter="2026-Q3", today=today,
                                     **({"team": None, "theme": None} | filters))
    with record("clinic pack"):
        await reports.clinic_pack(deps, team=team, to_month=month, months=3, today=today,
                                  viewer="tm-07")
    for filters in ({"team": None}, {"team": team}):
        with record(f"coverage {filters}"):
            await reports.coverage_report(deps, today=today, **filters)
        with record(f"impact {filters}"):
            await reports.impact_report(deps, month=month, today=today, **filters)
    with record("complaints report, a team's"):
        await reports.complaints_report(deps, year=2026, today=today, team=team, theme=None)
    with record("complaints report, a theme's"):
        await reports.complaints_report(deps, year=2026, today=today, team=None, theme=theme)
    with record("every auditor's competency record (12 months)"):
        await reports.auditor_records(deps, to_month=month)
    with record("one auditor's competency record"):
        await reports.auditor_record(deps, "auditor-x", to_month=month)
    with record("the register of outstanding practice"):
        await reports.outstanding_practice(deps, to_month=month)
    with record("the register of outstanding practice, a team's"):
        await reports.outstanding_practice(deps, to_month=month, team=team)
    with record("the latest month with data (where every report page opens)"):
        await reports.latest_month(deps, today)
    with record("checking a team filter (every filtered report, the clinic pack)"):
        await deps.known.values("team")
    with record("checking a theme filter (every filtered report)"):
        await deps.known.values("theme")
    # The lists behind the figures (application/lists.py), as the pages link them.
    nothing = {"month": None, "from_month": None, "team": None, "grade": None, "status": None,
               "overdue": False, "today": today}
    for kind in names.LISTS:
        for query in ({"month": month}, {"month": month, "from_month": "2026-07"},
                      {"month": month, "team": team}):
            with record(f"drill-down {kind} {sorted(query)}"):
                await lists.facts_behind(deps, kind, **{**nothing, **query})
    with record("drill-down audits by grade"):
        await lists.facts_behind(deps, "audits", **{**nothing, "month": month, "grade": "good"})
    with record("drill-down: a team's overdue actions (briefing link)"):
        await lists.facts_behind(deps, "actions", **{**nothing, "team": team, "overdue": True})
    for criteria in ({"origin_id": "audit-x"}, {"team": team}, {"raised_month": month}):
        with record(f"GET /reports/actions {sorted(criteria)}"):
            await lists.actions_behind(deps, **{"origin_id": None, "team": None,
                                                "raised_month": None, "today": today,
                                                **criteria})
    known = (await facts.find(names.ACTIONS, {"team_id": team}, limit=1))[0]
    with record("projecting an event onto a fact it changes (the consumer)"):
        await facts.apply(names.ACTIONS, known["_id"], {"status": "completed"},
                          as_of=datetime.now(UTC))

    await plans.check(REPORTING_EXCEPTIONS)


# --- feedback ingestion --------------------------------------------------------------------

SOURCES = ["momo", "compliment", "complaints_system", "survey"]


async def test_feedback_ingestion_queries_use_indexes(plans):
    from services.feedback_ingestion.adapters.counts import COUNTS, CountRepository
    from services.feedback_ingestion.adapters.imports import IMPORTS, REPORT_PAGES
    from services.feedback_ingestion.adapters.imports import ImportRepository
    from services.feedback_ingestion.adapters.items import ITEMS, ItemRepository
    from services.feedback_ingestion.adapters.quarantine import QUARANTINE, QuarantineRepository
    from services.feedback_ingestion.bootstrap import INDEXES
    from shared.outbox import OUTBOX_INDEXES

    rng = random.Random(3)
    first_day, start = date(2025, 1, 1), datetime(2025, 1, 1, tzinfo=UTC)
    await plans.seed(ITEMS, [
        {"_id": f"item-{n:05d}", "source": SOURCES[n % 4], "source_id": f"src-{n:05d}",
         "received_on": (first_day + timedelta(days=n % 700)).isoformat(),
         "team_id": rng.choice(TEAMS), "revision": 1, "version": 1} for n in range(6000)])
    await plans.seed(QUARANTINE, [
        {"_id": f"quarantined-{n:05d}", "source": SOURCES[n % 4], "content": {"row": n},
         "reasons": ["team_id: unknown team"], "channel": "import", "import_id": None,
         "row": n, "status": "open" if n % 5 == 0 else "resubmitted", "attempts": 0,
         "row_key": f"key-{n % 2000:05d}",
         "received_at": start + timedelta(minutes=17 * n)} for n in range(4000)])
    await plans.seed(COUNTS, [
        *({"_id": f"day:{first_day + timedelta(days=n)}", "kind": "day",
           "key": (first_day + timedelta(days=n)).isoformat(), "received": 40}
          for n in range(700)),
        *({"_id": f"import:import-{n:04d}", "kind": "import", "key": f"import-{n:04d}",
           "received": 900} for n in range(1500))])
    await plans.seed(IMPORTS, [
        {"_id": f"import-{n:04d}", "source": SOURCES[n % 4], "filename": "export.csv",
         "by": "importer-x", "started_at": start + timedelta(hours=11 * n), "status": "done",
         "rows": [], "pages": 5} for n in range(1500)])
    await plans.seed(REPORT_PAGES, [
        {"import_id": f"import-{n // 5:04d}", "page": n % 5 + 1, "rows": [{"row": n}]}
        for n in range(7500)])
    await plans.indexes([*INDEXES, *OUTBOX_INDEXES])

    store, record = plans.store, plans.recorder.case
    items, quarantine = ItemRepository(store, outbox=None), QuarantineRepository(store)
    counts, imports = CountRepository(store), ImportRepository(store)

    for source in (None, "momo"):
        with record(f"GET /feedback/items source={source}", top=True):
            await items.list(source=source, limit=50)
    # The quarantine page (open entries) and GET /feedback/quarantine with its filters.
    for status, source in (("open", None), (None, "momo"), ("open", "momo"), (None, None)):
        with record(f"quarantine status={status} source={source}", top=True):
            await quarantine.list(status=status, source=source, limit=200)
    with record("a re-imported file: the open entries of its failing rows"):
        await quarantine.open_entries_of([f"key-{n:05d}" for n in range(0, 2000, 40)])
    with record("reconciliation page: the last 31 days", top=True):
        await counts.days()
    with record("imports page: the latest imports", top=True):
        await imports.recent()
    with record("an import's report: one page, and every row in page order"):
        await imports.page("import-0421", 3)
        assert len([row async for row in imports.all_rows("import-0421")]) == 5

    await plans.check()
