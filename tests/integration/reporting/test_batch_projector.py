"""The live projector's batches against the real broker and store: each batch applied once
whatever is redelivered, the newest event wins, offsets committed only once a batch is
stored, and bad records dead-lettered with counts that add up."""

from __future__ import annotations

import base64
import json
from datetime import UTC, date, datetime, timedelta

import pytest
from aiokafka import AIOKafkaProducer
from aiokafka.admin import AIOKafkaAdminClient
from pymongo.errors import AutoReconnect

from schemas import topics
from schemas.action import ActionOrigin, ActionRaised, ActionStatus, ActionStatusChanged
from schemas.feedback import FeedbackItemAccepted
from services.reporting.adapters.facts import FactStore, indexes
from services.reporting.domain import names
from services.reporting.domain.facts import FACT_FUNCTIONS
from services.reporting.entrypoints.subscriptions import MAX_RECORDS
from services.reporting.application.projections import ProjectionHandlers
from services.reporting.settings import ReportingSettings
from shared.kafka import ensure_topics
from shared.runtime import Runtime
from tests.support.events import audit_submitted, envelope_for
from tests.support.factories import uid
from tests.support.kafka import BOOTSTRAP, TopicTail
from tests.support.waiting import eventually

ALL_TYPES = frozenset(model.event_type for model in FACT_FUNCTIONS)
T0 = datetime(2031, 3, 2, 9, 0, tzinfo=UTC)


class Projector:
    """Reporting's batch projector on a topic of its own, with its own database and group;
    records each batch it was handed and each store write it made."""

    def __init__(self) -> None:
        name = uid("rbatch").replace("-", "_")
        self.settings = ReportingSettings(mongo_database=name, kafka_group_suffix=f"-{name}")
        self.topic = uid("itest.reporting")
        self.runtime = Runtime.build(self.settings, indexes=indexes(0))
        self.facts = FactStore(self.runtime.store)
        self.projections = ProjectionHandlers(self.facts, {self.topic: ALL_TYPES})
        self.batches: list[list[int]] = []  # the offsets of each batch handed over
        self.writes: list[int] = []  # facts changed by each store write that succeeded
        self.failing: str | None = None  # "before" or "after" the write: fail the batch
        self.failures = 0
        self.sent = 0
        apply_all, apply_batch = self.facts.apply_all, self.projections.apply_batch

        async def recording_apply_all(pending):
            if self.failing == "before":
                self.failures += 1
                raise AutoReconnect("store briefly unreachable")
            changed = await apply_all(pending)
            self.writes.append(changed)
            if self.failing == "after":  # stored, but the batch is not acknowledged
                self.failing = None
                self.failures += 1
                raise AutoReconnect("connection lost before the answer")
            return changed

        async def recording_apply_batch(records):
            self.batches.append([r.offset for r in records])
            return await apply_batch(records)

        self.facts.apply_all = recording_apply_all
        self.projections.apply_batch = recording_apply_batch

    async def __aenter__(self) -> Projector:
        await ensure_topics(self.settings, (self.topic,))
        await self.runtime.store.create_indexes()
        self.producer = AIOKafkaProducer(bootstrap_servers=BOOTSTRAP, acks="all")
        await self.producer.start()
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.producer.stop()
        await self.runtime.broker.stop()
        await self.runtime.store.client.drop_database(self.settings.database_name)
        await self.runtime.store.close()

    async def publish(self, *values: bytes, key: bytes = b"k") -> None:
        for value in values:  # one key: one partition, in this order
            await self.producer.send_and_wait(self.topic, value, key=key)
            self.sent += 1

    async def start(self) -> None:
        self.runtime.consumer.retry_seconds = 0  # hand a failed batch straight back to Kafka
        self.runtime.consumer.subscribe_batches([self.topic], self.projections.apply_batch,
                                                max_records=MAX_RECORDS,
                                                batch_timeout_ms=20)
        await self.runtime.broker.start()

    def counted(self, counter) -> float:
        return sum(s.value for family in counter.collect() for s in family.samples
                   if s.name.endswith("_total"))

    def accounted(self) -> float:
        """Records applied, ignored as of another type, or dead-lettered."""
        metrics = self.runtime.metrics
        return sum(self.counted(c) for c in (metrics.events_handled, metrics.events_ignored,
                                             metrics.deadletters))

    async def all_accounted(self) -> None:
        async def done():
            return self.accounted() >= self.sent

        await eventually(done, timeout=60, what=f"all {self.sent} records accounted for")

    async def committed(self) -> int:
        """The group's committed offsets on the topic, added up (0 before any commit)."""
        admin = AIOKafkaAdminClient(bootstrap_servers=BOOTSTRAP)
        await admin.start()
        try:
            offsets = await admin.list_consumer_group_offsets(self.settings.consumer_group)
        finally:
            await admin.close()
        return sum(max(o.offset, 0) for tp, o in offsets.items() if tp.topic == self.topic)

    async def action(self, action_id: str) -> dict | None:
        return await self.runtime.store.db[names.ACTIONS].find_one({"_id": action_id})


@pytest.fixture
async def projector():
    async with Projector() as running:
        yield running


def raised(action_id: str, at: datetime) -> bytes:
    event = ActionRaised(action_id=action_id, origin=ActionOrigin(kind="audit", id="audit-x"),
                         description="Synthetic action.", owner_id="tm-x", team_id="team-x",
                         due_date=date(2031, 4, 1), raised_at=at)
    return envelope_for(event, occurred_at=at).to_bytes()


def changed(action_id: str, status: ActionStatus, at: datetime) -> bytes:
    event = ActionStatusChanged(action_id=action_id, status=status,
                                previous_status=ActionStatus.OPEN, changed_by="tm-x",
                                changed_at=at)
    return envelope_for(event, occurred_at=at).to_bytes()


async def test_a_batch_is_applied_once_whatever_is_redelivered_and_the_newest_event_wins(
        projector):
    first, second = uid("act"), uid("act")
    history = [raised(first, T0), changed(first, ActionStatus.COMPLETED, T0 + timedelta(2)),
               changed(first, ActionStatus.IN_PROGRESS, T0 + timedelta(1)),  # older, later
               raised(second, T0)]
    await projector.publish(*history, *history)  # all delivered twice, in one batch
    await projector.start()
    await projector.all_accounted()

    assert len(projector.batches) == 1 and len(projector.batches[0]) == 8
    assert projector.writes == [2]  # two facts written, once each
    done = await projector.action(first)
    assert done["status"] == "completed" and done["completed_on"] == "2031-03-04"
    assert (await projector.action(second))["status"] == "open"
    assert projector.counted(projector.runtime.metrics.events_handled) == 8

    # A later batch: an older event, then the same events again, change nothing.
    await projector.publish(changed(first, ActionStatus.OPEN, T0 + timedelta(1)), *history)
    await projector.all_accounted()
    assert projector.writes[1:] and set(projector.writes[1:]) == {0}
    assert await projector.action(first) == done
    assert await projector.runtime.store.db[names.ACTIONS].count_documents({}) == 2


async def test_offsets_are_committed_only_once_the_batch_is_stored(projector):
    ids = [uid("act") for _ in range(3)]
    await projector.publish(*(raised(i, T0) for i in ids))
    projector.failing = "before"
    await projector.start()

    async def retried():
        return projector.failures >= 3

    await eventually(retried, what="the failing batch handed back and read again")
    assert await projector.committed() == 0  # nothing committed past an unapplied batch
    assert await projector.action(ids[0]) is None
    assert projector.accounted() == 0
    assert all(batch == [0, 1, 2] for batch in projector.batches)  # the same batch again

    projector.failing = None
    await projector.all_accounted()

    async def committed_to_the_end():
        return await projector.committed() == 3

    await eventually(committed_to_the_end, what="offsets committed after the batch applied")
    assert [await projector.action(i) is not None for i in ids] == [True, True, True]
    assert projector.counted(projector.runtime.metrics.events_handled) == 3


async def test_a_batch_stored_but_not_acknowledged_is_read_again_and_changes_nothing(
        projector):
    action_id = uid("act")
    await projector.publish(raised(action_id, T0),
                            changed(action_id, ActionStatus.COMPLETED, T0 + timedelta(1)))
    projector.failing = "after"
    await projector.start()
    await projector.all_accounted()

    assert projector.failures == 1 and len(projector.batches) == 2
    assert projector.writes == [1, 0]  # the second delivery found it all stored already
    assert (await projector.action(action_id))["status"] == "completed"
    assert projector.counted(projector.runtime.metrics.events_handled) == 2


async def test_bad_records_are_dead_lettered_and_every_record_is_accounted_for(projector):
    good = audit_submitted()
    unknown = envelope_for(good, event_type="audit.something_new")
    invalid = json.loads(envelope_for(audit_submitted()).to_bytes())
    invalid["data"]["overall_grade"] = "superb"
    async with TopicTail(topics.DEADLETTER) as tail:
        await projector.publish(b"{not json", envelope_for(good).to_bytes(),
                                json.dumps(invalid).encode(), unknown.to_bytes(),
                                raised(uid("act"), T0))
        await projector.start()
        ours = (lambda m: m["consumer_group"] == projector.settings.consumer_group
                and m["original_topic"] == projector.topic)
        letters = [await tail.wait_for(ours), await tail.wait_for(ours)]
    await projector.all_accounted()

    by_reason = {letter["error"].split(":")[0]: letter for letter in letters}
    assert set(by_reason) == {"undecodable", "invalid"}
    assert base64.b64decode(by_reason["undecodable"]["value_b64"]) == b"{not json"
    assert "overall_grade" in by_reason["invalid"]["error"]
    assert [by_reason["undecodable"]["offset"], by_reason["invalid"]["offset"]] == [0, 2]
    metrics = projector.runtime.metrics
    assert projector.counted(metrics.events_handled) == 2
    assert projector.counted(metrics.events_ignored) == 1
    assert projector.counted(metrics.deadletters) == 2
    assert await projector.runtime.store.db[names.AUDITS].count_documents(
        {"_id": good.audit_id}) == 1


async def test_a_record_the_projection_cannot_apply_is_dead_lettered_and_the_rest_applied(
        projector, monkeypatch):
    items = [FeedbackItemAccepted(item_id=uid("item"), source="compliment",
                                  source_id=uid("src"), received_on=date(2031, 3, 9),
                                  team_id="team-x", themes=["t"]) for _ in range(3)]
    poisoned = items[1].item_id
    project = FACT_FUNCTIONS[FeedbackItemAccepted]

    def failing_for_one(event):
        if event.item_id == poisoned:
            raise KeyError("a bug in a fact function")
        return project(event)

    monkeypatch.setitem(FACT_FUNCTIONS, FeedbackItemAccepted, failing_for_one)
    async with TopicTail(topics.DEADLETTER) as tail:
        await projector.publish(*(envelope_for(i).to_bytes() for i in items))
        await projector.start()
        letter = await tail.wait_for(
            lambda m: m["consumer_group"] == projector.settings.consumer_group)
    await projector.all_accounted()

    assert letter["error"] == "handler_error: KeyError" and letter["offset"] == 1
    stored = await projector.runtime.store.db[names.FEEDBACK].distinct("_id")
    assert sorted(stored) == sorted([items[0].item_id, items[2].item_id])
    assert projector.counted(projector.runtime.metrics.events_handled) == 2


async def test_a_fact_another_writer_stored_since_the_read_is_settled_again(projector,
                                                                           monkeypatch):
    """The read found neither fact; by the insert, another writer had stored a newer one of
    them: its insert is refused, and the two are settled again in a transaction."""
    from services.reporting.adapters import facts as facts_module

    db = projector.runtime.store.db
    taken, fresh = uid("act"), uid("act")
    settled = facts_module._settled

    async def read_before_the_other_writer(target, events, session):
        if session is None:  # the first read, before the other writer's insert
            await db[names.ACTIONS].insert_one({"_id": taken, "status": "newer",
                                                "as_of": T0 + timedelta(days=5)})
            return [{"_id": i, **chain[-1][0], "as_of": chain[-1][1]}
                    for i, chain in events.items()], []
        return await settled(target, events, session)

    monkeypatch.setattr(facts_module, "_settled", read_before_the_other_writer)
    older = {"status": "open"}
    changed_count = await projector.facts.apply_all([
        (names.ACTIONS, taken, older, T0), (names.ACTIONS, fresh, older, T0)])

    assert changed_count == 1  # the fresh one, inserted once
    assert (await projector.action(taken))["status"] == "newer"  # newer wins
    assert (await projector.action(fresh))["status"] == "open"
