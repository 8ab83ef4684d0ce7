"""The store operations the services rely on, against the real store."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from shared.store import IndexSpec, ascending
from tests.support.waiting import eventually
from services.reporting.adapters.facts import FactStore


async def test_creating_indexes_again_on_restart_is_harmless(runtime):
    runtime.store.indexes = [IndexSpec("things", ascending("a", "b")),
                             IndexSpec("things", ascending("c"), unique=True)]
    for _ in range(3):  # every service restart does this
        await runtime.store.create_indexes()
    names = {ix["name"] async for ix in await runtime.store.db["things"].list_indexes()}
    assert {"a_1_b_1", "c_1"} <= names


async def test_a_fact_is_replaced_only_by_a_newer_event(runtime):
    facts = FactStore(runtime.store)
    now = datetime.now(UTC)
    assert await facts.apply("facts", "f-1", {"grade": "good"}, as_of=now)
    assert not await facts.apply("facts", "f-1", {"grade": "inadequate"},
                                 as_of=now - timedelta(minutes=1))
    assert await facts.apply("facts", "f-1", {"grade": "outstanding"}, as_of=now)
    assert (await facts.find("facts", {}))[0]["grade"] == "outstanding"


async def test_counting_by_a_nested_field(runtime):
    facts = FactStore(runtime.store)
    now = datetime.now(UTC)
    for n, grade in enumerate(["good", "good", "inadequate"]):
        await facts.apply("facts", f"f-{n}", {"month": "2026-11", "standards": {"4": grade}},
                          as_of=now)
    assert await facts.count_by("facts", {"month": "2026-11"}, "standards.4") == {
        "good": 2, "inadequate": 1}


async def test_a_ttl_index_removes_expired_documents(runtime):
    """What webhook signatures and other expiring documents rely on (MongoDB applies TTL
    indexes once a minute, the local store every few seconds)."""
    runtime.store.indexes = [IndexSpec("expiring", ascending("at"), expire_after_seconds=0)]
    await runtime.store.create_indexes()
    expiring = runtime.store.db["expiring"]
    past = datetime.now(UTC) - timedelta(minutes=5)
    await expiring.insert_many([{"_id": "old", "at": past},
                                {"_id": "new", "at": datetime.now(UTC) + timedelta(days=1)}])

    async def only_the_new_one_left():
        return [d["_id"] async for d in expiring.find({})] == ["new"]

    await eventually(only_the_new_one_left, timeout=90, what="expired document removed")


async def test_a_transaction_that_keeps_conflicting_is_retried_a_bounded_number_of_times(runtime):
    """A write conflict (another transaction changed the same document first) is run again
    with jitter; one that never stops conflicting becomes VersionConflict, answered 409."""
    from pymongo.errors import OperationFailure

    from shared.store import TRANSACTION_ATTEMPTS, VersionConflict

    attempts = []

    async def always_conflicts(session):
        attempts.append(session)
        await runtime.store.db["things"].insert_one({"n": len(attempts)}, session=session)
        raise OperationFailure("WriteConflict", code=112,
                               details={"errorLabels": ["TransientTransactionError"]})

    with pytest.raises(VersionConflict):
        await runtime.store.transaction(always_conflicts)
    assert len(attempts) == TRANSACTION_ATTEMPTS
    assert await runtime.store.db["things"].count_documents({}) == 0  # each attempt aborted


async def test_a_transaction_that_conflicts_once_commits_on_its_second_run(runtime):
    from pymongo.errors import OperationFailure

    attempts = []

    async def conflicts_once(session):
        attempts.append(session)
        await runtime.store.db["things"].insert_one({"n": len(attempts)}, session=session)
        if len(attempts) == 1:
            raise OperationFailure("WriteConflict", code=112,
                                   details={"errorLabels": ["TransientTransactionError"]})
        return "done"

    assert await runtime.store.transaction(conflicts_once) == "done"
    assert [d["n"] async for d in runtime.store.db["things"].find({})] == [2]
