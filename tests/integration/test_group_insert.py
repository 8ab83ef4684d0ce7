"""Concurrent inserts gathered into one command each time, against the real store."""

from __future__ import annotations

import asyncio

import pytest
from pymongo import AsyncMongoClient, monitoring
from pymongo.errors import DuplicateKeyError

from shared.group_insert import GroupInsert
from shared.settings import ServiceSettings
from tests.support.factories import uid


class InsertCommands(monitoring.CommandListener):
    def __init__(self) -> None:
        self.sizes: list[int] = []

    def started(self, event: monitoring.CommandStartedEvent) -> None:
        if event.command_name == "insert":
            self.sizes.append(len(event.command["documents"]))

    def succeeded(self, event: monitoring.CommandSucceededEvent) -> None:
        pass

    def failed(self, event: monitoring.CommandFailedEvent) -> None:
        pass


@pytest.fixture
async def watched():
    commands = InsertCommands()
    client = AsyncMongoClient(ServiceSettings().mongo_uri, event_listeners=[commands])
    name = uid("gtest").replace("-", "_")
    yield client[name]["things"], commands
    await client.drop_database(name)
    await client.close()


async def test_concurrent_inserts_share_commands_and_each_caller_learns_its_own_fate(watched):
    collection, commands = watched
    await collection.insert_one({"_id": "taken"})
    commands.sizes.clear()
    inserts = GroupInsert(collection, batch=8)
    ids = [f"doc-{n}" for n in range(20)] + ["taken"]

    outcomes = await asyncio.gather(*(inserts.insert({"_id": i, "n": 1}) for i in ids),
                                    return_exceptions=True)

    assert [type(o) for o in outcomes] == [type(None)] * 20 + [DuplicateKeyError]
    assert sorted(await collection.distinct("_id")) == sorted(ids)
    assert sum(commands.sizes) == 21 and len(commands.sizes) < 21  # fewer commands than docs
    assert max(commands.sizes) <= 8


async def test_an_insert_alone_goes_at_once(watched):
    collection, commands = watched
    inserts = GroupInsert(collection)
    await inserts.insert({"_id": "alone"})
    assert commands.sizes == [1]
    assert await collection.find_one({"_id": "alone"}) == {"_id": "alone"}
