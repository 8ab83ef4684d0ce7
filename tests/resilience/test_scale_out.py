"""Every consuming service scales out and survives kill -9: two instances in one consumer
group share a topic's partitions, and when one is killed halfway through a known stream, its
partitions move to the other; every event is applied once in effect, the counts are the
stream's, and the read models equal those of a single instance that read the stream alone
(in `make resilience-long` that single instance is also killed at the same moment and
started again after the stream); real Kafka and store, separate processes.

Each instance pair and the single instance get a consumer group and a database of their own
(QA_KAFKA_GROUP_SUFFIX, QA_MONGO_DATABASE), started at the end of every topic, so they read
only this test's stream beside the suite's own services."""

from __future__ import annotations

import asyncio
import os
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from aiokafka import AIOKafkaConsumer, AIOKafkaProducer
from aiokafka.admin import AIOKafkaAdminClient
from aiokafka.coordinator.protocol import ConsumerProtocolMemberAssignment
from pymongo import AsyncMongoClient

from schemas.base import EventData
from schemas.directory import StaffMemberUpserted, TeamUpserted
from schemas.feedback import RawFeedbackSubmitted
from services.launcher import ServiceProcesses
from shared.england_time import england_today
from tests.support.battery import SCALE, scaled
from tests.support.events import audit_submitted, envelope_for
from tests.support.factories import feedback_item, uid, unique_month
from tests.support.kafka import BOOTSTRAP, start_group_at_end
from tests.support.reporting_scenario import month_of_events
from tests.support.waiting import eventually

ROOT = Path(__file__).resolve().parents[2]
# The lone instance killed -9 and started again after the stream: in `make resilience-long`
# only, while its open finding stands (README, Faults we test): feedback ingestion started
# again missed 1 of 40 raw items in 1 of about 8 runs, not yet explained.
LONE_KILL = SCALE > 1
MONGO_URI = os.environ.get("QA_MONGO_URI", "mongodb://127.0.0.1:29017/?directConnection=true")
PORT_BASE = int(os.environ.get("QA_PORT_BASE", "28100"))

# Which write last changed a document (its first event's id, a fresh uuid in each store):
# the one field two stores that applied the same events may hold differently.
VOLATILE = {"write_id"}
NOT_READ_MODELS = {"outbox", "projection_state", "webhook_deliveries", "quarantine",
                   "reconciliation"}


def directory_stream(n: int) -> list[EventData]:
    team = uid("team")
    return [TeamUpserted(team_id=team, name="Fictional Scale Team"),
            *[StaffMemberUpserted(person_id=uid("sw"), display_name=f"Test Worker {k}",
                                  team_id=team, job_role="Social worker")
              for k in range(n)]]


def reporting_stream() -> list[EventData]:
    month = unique_month()
    return [e for _ in range(scaled(4)) for e in month_of_events(month, uid("team"), "Theme")]


def action_stream() -> list[EventData]:
    return [audit_submitted(actions=2) for _ in range(scaled(24))]


def raw_feedback_stream() -> list[EventData]:
    today = england_today()
    return [RawFeedbackSubmitted(source="compliment", item=feedback_item(
        received_on=str(today - timedelta(days=n % 20)))) for n in range(scaled(40))]


def months_of(stream: list[EventData]) -> Callable[[dict], bool]:
    months = {getattr(e, "month", None) for e in stream} - {None}
    return lambda document: document.get("month") in months


def raised_from(stream: list[EventData]) -> Callable[[dict], bool]:
    audits = {getattr(e, "audit_id", None) for e in stream} - {None}
    return lambda document: document.get("origin", {}).get("id") in audits


def sent_as(stream: list[EventData]) -> Callable[[dict], bool]:
    sources = {e.item["source_id"] for e in stream if isinstance(e, RawFeedbackSubmitted)}
    return lambda document: document.get("source_id") in sources


def people_of(stream: list[EventData]) -> Callable[[dict], bool]:
    people = {e.person_id for e in stream if isinstance(e, StaffMemberUpserted)}
    return lambda document: document.get("_id") in people


@dataclass
class Case:
    service: str
    stream: Callable[[], list[EventData]]
    collection: str  # a read model the stream fills...
    expected: int  # ...with this many documents...
    # ...told from what the suite's own services write meanwhile to topics these groups read
    # too (a submission a killed service's relay publishes late, say)
    ours: Callable[[list[EventData]], Callable[[dict], bool]]
    suffix: str = field(default_factory=lambda: uid("scale"))


CASES = [
    Case("reporting", reporting_stream, "audit_facts", scaled(4) * 3, months_of),
    Case("action_tracking", action_stream, "actions", scaled(24) * 2, raised_from),
    Case("feedback_ingestion", raw_feedback_stream, "items", scaled(40), sent_as),
    Case("learning", lambda: directory_stream(scaled(30)), "people", scaled(30), people_of),
]


async def publish(events: list[EventData]) -> None:
    producer = AIOKafkaProducer(bootstrap_servers=BOOTSTRAP, acks="all")
    await producer.start()
    try:
        for event in events:
            envelope = envelope_for(event)
            await producer.send(event.topic, envelope.to_bytes(), key=event.subject().encode())
        await producer.flush()
    finally:
        await producer.stop()


async def members(group: str) -> dict[str, set[tuple[str, int]]]:
    """Each member of the group, with the partitions it holds now."""
    admin = AIOKafkaAdminClient(bootstrap_servers=BOOTSTRAP)
    await admin.start()
    try:
        [described] = await admin.describe_consumer_groups([group])
    finally:
        await admin.close()
    out = {}
    for member in described.groups[0][5]:
        member_id, assignment = member[0], member[-1]
        held = ConsumerProtocolMemberAssignment.decode(assignment) if assignment else None
        out[member_id] = {(t, p) for t, ps in (held.assignment if held else []) for p in ps}
    return out


async def caught_up(group: str) -> bool:
    """Lag 0: the group's committed offsets are at the end of every partition its members
    read (the suite's other tests keep writing to topics the service does not read)."""
    read = set().union(*(await members(group)).values())
    admin = AIOKafkaAdminClient(bootstrap_servers=BOOTSTRAP)
    await admin.start()
    try:
        committed = await admin.list_consumer_group_offsets(group)
    finally:
        await admin.close()
    consumer = AIOKafkaConsumer(bootstrap_servers=BOOTSTRAP)
    await consumer.start()
    try:
        partitions = [tp for tp in committed if (tp.topic, tp.partition) in read]
        ends = await consumer.end_offsets(partitions)
    finally:
        await consumer.stop()
    return bool(read) and all(committed[tp].offset >= ends[tp] for tp in partitions)


async def read_models(database: str) -> dict[str, list[dict[str, Any]]]:
    client = AsyncMongoClient(MONGO_URI)
    try:
        db = client[database]
        out = {}
        for name in sorted(await db.list_collection_names()):
            if name in NOT_READ_MODELS:
                continue
            out[name] = [_stable(d) async for d in db[name].find().sort("_id", 1)]
        return out
    finally:
        await client.close()


def _stable(document: Any) -> Any:
    if isinstance(document, dict):
        return {k: _stable(v) for k, v in document.items() if k not in VOLATILE}
    if isinstance(document, list):
        return [_stable(v) for v in document]
    return document


def instances(case: Case, which: str, count: int, offset: int) -> ServiceProcesses:
    processes = []
    for n in range(count):
        processes.append(ServiceProcesses(
            port_base=PORT_BASE + offset + 10 * n, log_dir=ROOT / "var" / f"test-logs-scale-{which}-{n}",
            extra_env={"QA_KAFKA_GROUP_SUFFIX": f"-{case.suffix}-{which}",
                       "QA_MONGO_DATABASE": f"qa_{case.suffix}_{which}".replace("-", "_")}))
    return processes


@pytest.mark.timeout(scaled(300))  # three service processes start, one group rebalances
@pytest.mark.parametrize("case", CASES, ids=[c.service for c in CASES])
async def test_two_instances_share_the_work_and_survive_losing_one(case: Case):
    group_of = {w: f"{case.service}-{case.suffix}-{w}" for w in ("single", "pair")}
    for group in group_of.values():
        await start_group_at_end(group)
    single = instances(case, "single", 1, 200)
    pair = instances(case, "pair", 2, 220)
    everyone = [*single, *pair]
    for p in everyone:
        p.start(case.service)
    try:
        for p in everyone:
            await asyncio.to_thread(p.wait_ready, 90.0, case.service)

        async def both_hold_partitions():
            held = await members(group_of["pair"])
            return held if len(held) == 2 and all(held.values()) else None

        before = await eventually(both_hold_partitions, what="two members, each with partitions")
        stream = case.stream()
        half = len(stream) // 2
        await publish(stream[:half])
        await asyncio.to_thread(pair[0].crash, case.service)
        if LONE_KILL:
            await asyncio.to_thread(single[0].crash, case.service)  # alone: down a while

        every = set().union(*before.values())

        async def survivor_holds_all():
            held = await members(group_of["pair"])
            return held if list(held.values()) == [every] else None

        # kill -9 says nothing to the group: its partitions move once the session times out
        await eventually(survivor_holds_all, timeout=60,
                         what="the killed member's partitions moved to the survivor")
        await publish(stream[half:])
        if LONE_KILL:
            single[0].start(case.service)  # back after the whole stream: it catches up
            await asyncio.to_thread(single[0].wait_ready, 90.0, case.service)
        for group in group_of.values():
            await eventually(lambda g=group: caught_up(g), timeout=120, what=f"{group} lag 0")
        databases = {w: f"qa_{case.suffix}_{w}".replace("-", "_") for w in group_of}

        counts: list[int] = []
        ours = case.ours(stream)

        async def filled():
            counts[:] = [sum(1 for d in (await read_models(db)).get(case.collection, [])
                             if ours(d)) for db in databases.values()]
            return counts == [case.expected] * 2

        try:
            await eventually(filled, timeout=60, what=f"{case.expected} {case.collection} each")
        except AssertionError as late:
            alone, shared = (await read_models(databases["single"]),
                             await read_models(databases["pair"]))
            missing = [d for d in shared.get(case.collection, [])
                       if d not in alone.get(case.collection, [])]
            raise AssertionError(f"{case.collection} (single, pair): {counts}; "
                                 f"only in the pair's: {missing[:2]}") from late
        # The suite's own services keep writing to topics these groups also read (an urgent
        # action raised from this stream's Safety Link, say), so one group may be an event
        # ahead of the other for a moment: equal once both have read it.
        async def agree() -> bool:
            return await read_models(databases["single"]) == await read_models(
                databases["pair"])

        try:
            await eventually(agree, timeout=30, what="equal read models")
        except AssertionError:
            assert await read_models(databases["single"]) == await read_models(
                databases["pair"])
    finally:
        for p in everyone:
            if case.service in p.processes:
                p.stop(case.service)
        await drop(*(f"qa_{case.suffix}_{w}".replace("-", "_") for w in group_of))


async def drop(*databases: str) -> None:
    client = AsyncMongoClient(MONGO_URI)
    try:
        for name in databases:
            await client.drop_database(name)
    finally:
        await client.close()
