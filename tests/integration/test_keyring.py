"""Subjects' keys in the real store (shared/personal_data/keyring.py): made once however many
processes ask at the same moment, filed under a pseudonym, wrapped, and gone for good when the
subject is erased, in every process within the cache's time."""

from __future__ import annotations

import asyncio

import pytest

from shared.personal_data.keyring import INDEXES, KEYS, StoreKeyring, WrongMasterKey
from shared.personal_data.master_key import derived
from shared.personal_data.sealing import new_key, open_fields, seal_fields
from shared.store import Store
from tests.support.waiting import eventually

MASTER = new_key()


@pytest.fixture
async def keys_collection(runtime):
    runtime.store.indexes = INDEXES
    await Store.create_indexes(runtime.store)
    return runtime.store.db[KEYS]


async def test_one_key_per_subject_however_many_processes_ask_at_once(keys_collection):
    rings = [StoreKeyring(keys_collection, MASTER) for _ in range(4)]
    answers = await asyncio.gather(*(r.key_for("child:CASE-FICT-0101") for r in rings * 3))
    assert len(set(answers)) == 1
    assert await keys_collection.count_documents({"_id": {"$ne": "canary"}}) == 1


async def test_the_store_holds_neither_the_subject_nor_the_key_in_clear(keys_collection):
    ring = StoreKeyring(keys_collection, MASTER)
    kid, key = await ring.key_for("child:CASE-FICT-0102")
    stored = await keys_collection.find_one({"_id": kid})
    assert "CASE-FICT" not in str(stored)
    assert key not in bytes(stored["wrapped"])


async def test_another_master_key_stops_the_service_rather_than_read_as_erased(keys_collection):
    await StoreKeyring(keys_collection, MASTER).prepare()
    kid, _ = await StoreKeyring(keys_collection, MASTER).key_for("child:CASE-FICT-0103")
    wrong = StoreKeyring(keys_collection, derived(MASTER, "another"))
    with pytest.raises(WrongMasterKey):  # at start-up
        await wrong.prepare()
    with pytest.raises(WrongMasterKey):  # and never a wrong key handed out, nor None
        await wrong.keys([kid])


async def test_after_erasure_every_process_reads_the_subject_as_erased(keys_collection):
    writer = StoreKeyring(keys_collection, MASTER, cache_seconds=0.5)
    reader = StoreKeyring(keys_collection, MASTER, cache_seconds=0.5)
    kid, key = await writer.key_for("child:CASE-FICT-0104")
    event = seal_fields({"case_ref": "CASE-FICT-0104", "grade": "good"}, ["case_ref"],
                        kid=kid, key=key)
    assert open_fields(event, await reader.keys([kid])).data["case_ref"] == "CASE-FICT-0104"

    assert await writer.erase("child:CASE-FICT-0104") == [kid]
    assert not await writer.knows("child:CASE-FICT-0104")
    assert await keys_collection.count_documents({"_id": kid}) == 0

    async def reader_sees_it_erased():
        opened = open_fields(event, await reader.keys([kid]))
        return opened.erased == 1 and opened.data == {"case_ref": "[erased]", "grade": "good"}

    await eventually(reader_sees_it_erased, timeout=5, what="erasure reached the other process")


async def test_erasing_an_unknown_subject_destroys_nothing(keys_collection):
    ring = StoreKeyring(keys_collection, MASTER)
    await ring.key_for("child:CASE-FICT-0105")
    assert await ring.erase("child:CASE-FICT-9999") == []
    assert await keys_collection.count_documents({}) == 1


async def test_new_data_after_an_erasure_gets_a_new_key(keys_collection):
    ring = StoreKeyring(keys_collection, MASTER)
    old, _ = await ring.key_for("staff:demo-sw-fict")
    await ring.erase("staff:demo-sw-fict")
    new, _ = await ring.key_for("staff:demo-sw-fict")
    assert new != old and (await ring.keys([old]))[old] is None
