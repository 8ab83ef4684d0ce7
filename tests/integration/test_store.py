"""The store operations the services rely on, against the real FerretDB."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from shared.store import IndexSpec, ascending
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


async def test_lookups_by_id_use_the_id_index_whatever_else_the_filter_holds(runtime):
    """deploy/ferretdb/patches/0001: unpatched, FerretDB 1.24 scanned the whole table for
    every find, update and delete by _id (its query and its index spelt the path apart)."""
    things = runtime.store.db["things"]
    await things.insert_many([{"_id": f"t-{n}", "version": 1} for n in range(3)])

    async def plan(query: dict) -> str:
        explained = await runtime.store.db.command("explain", {"find": "things",
                                                               "filter": query})
        return " ".join(explained["queryPlanner"]["Plan"])

    assert "USING INDEX" in await plan({"_id": "t-1"})
    assert "USING INDEX" in await plan({"_id": "t-1", "version": 1})
    assert "SCAN" in await plan({"version": 1})  # no _id: the whole table, as before
    updated = await things.update_one({"_id": "t-1", "version": 2}, {"$set": {"x": 1}})
    assert updated.matched_count == 0  # the rest of the filter still applies
    updated = await things.update_one({"_id": "t-1", "version": 1}, {"$set": {"x": 1}})
    assert updated.modified_count == 1
