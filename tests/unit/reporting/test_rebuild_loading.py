"""The rebuild's decoding and fresh-generation loading: same results as applying one by one."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from pymongo import ReplaceOne
from tqdm import tqdm

from services.reporting.adapters.decoding import facts_of
from services.reporting.adapters.loader import FreshGenerationLoader
from shared.envelope import Envelope, derived_id
from tests.support.reporting_scenario import month_of_events

pytestmark = pytest.mark.unit
T0 = datetime(2031, 3, 1, tzinfo=UTC)


class FakeCollection:
    def __init__(self) -> None:
        self.documents: dict[str, dict] = {}
        self.replaced: list[str] = []

    async def insert_many(self, documents, ordered):
        for document in documents:
            assert document["_id"] not in self.documents, "inserted twice"
            self.documents[document["_id"]] = dict(document)

    async def bulk_write(self, operations, ordered, session):
        for op in operations:
            assert isinstance(op, ReplaceOne) and op._filter["_id"] in self.documents
            self.documents[op._filter["_id"]] = dict(op._doc)
            self.replaced.append(op._filter["_id"])


class FakeFacts:
    def __init__(self) -> None:
        self.collections: dict[str, FakeCollection] = {}

    async def collection(self, name):
        return self.collections.setdefault(name, FakeCollection())

    async def create_indexes(self):
        pass

    async def transaction(self, work):
        return await work(None)


def envelope_bytes(event, n: int = 0) -> bytes:
    return Envelope(event_id=derived_id("t", n, event.event_type), event_type=event.event_type,
                    source="test", occurred_at=T0 + timedelta(seconds=n),
                    subject=event.subject(), correlation_id="c",
                    data=event.model_dump(mode="json")).to_bytes()


def test_decoding_tells_applied_ignored_and_invalid_apart():
    event = month_of_events("2031-03", "team-a", "theme")[0]
    facts, outcome = facts_of(envelope_bytes(event))
    assert outcome == "applied" and facts and facts[0][3] == T0
    assert facts_of(b'{"event_type": "nobody.knows"}') == ([], "ignored")
    assert facts_of(b"not json")[1] == "invalid"
    broken = envelope_bytes(event).replace(b'"month":"2031-03"', b'"month":"March"')
    assert facts_of(broken)[1] == "invalid"


async def test_write_once_facts_stream_and_changed_ones_are_replaced_at_the_end():
    facts = FakeFacts()
    loader = FreshGenerationLoader(facts, facts)
    loader.add([("feedback", "f1", {"n": 1}, T0), ("actions", "a1", {"status": "open"}, T0)])
    await loader.flush(at_least=1)
    await loader.flush(at_least=1)  # nothing new: nothing written twice
    loader.add([("actions", "a1", {"status": "done"}, T0 + timedelta(1)),
                ("actions", "a1", {"status": "stale"}, T0 - timedelta(1)),  # older: ignored
                ("feedback", "f2", {"n": 2}, T0)])
    await loader.flush(at_least=1)
    with tqdm(disable=True) as bar:
        assert await loader.finish(bar) == 3
    assert facts.collections["feedback"].replaced == []
    assert facts.collections["actions"].replaced == ["a1"]  # once, in its last state
    assert facts.collections["actions"].documents["a1"]["status"] == "done"
    assert set(facts.collections["feedback"].documents) == {"f1", "f2"}


async def test_repeats_within_one_batch_do_not_force_a_rewrite():
    facts = FakeFacts()
    loader = FreshGenerationLoader(facts, facts)
    loader.add([("actions", "a1", {"status": "open"}, T0),
                ("actions", "a1", {"status": "done"}, T0 + timedelta(1))])
    with tqdm(disable=True) as bar:
        await loader.finish(bar)
    assert facts.collections["actions"].replaced == []  # inserted once, in its last state
    assert facts.collections["actions"].documents["a1"]["status"] == "done"
