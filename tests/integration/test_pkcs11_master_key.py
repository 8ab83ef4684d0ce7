"""The master key inside a PKCS#11 token (QA_MASTER_KEY_SOURCE=pkcs11; shared/personal_data/
key_wrapping.py), on a real SoftHSM 2 token and the real store: a service's key ring made
from the settings seals and opens with keys the token wraps; the token's key never leaves
it and nothing outside it unwraps them; another key is refused at start rather than read
as erased; erasure is still deleting the subject's key from the store."""

from __future__ import annotations

import pytest
from pymongo import AsyncMongoClient

from shared.personal_data.key_wrapping import LocalMasterKey, WrongMasterKey, master_key_for
from shared.personal_data.keyring import KEYS, keyring_for
from shared.personal_data.master_key import MasterKeyError
from shared.personal_data.pseudonyms import Pseudonyms
from shared.personal_data.sealing import new_key, open_fields, seal_fields
from shared.settings import ServiceSettings
from tests.support.factories import uid
from tests.support.softhsm import Token, new_token


@pytest.fixture(scope="module")
def token(tmp_path_factory) -> Token:
    return new_token(tmp_path_factory.mktemp("softhsm"), uid("qa-token"),
                     key_labels=("qa-master", "qa-another"))


@pytest.fixture
async def key_database():
    name = uid("itest_keys").replace("-", "_")
    client = AsyncMongoClient(ServiceSettings().mongo_uri)
    yield client, name
    await client.drop_database(name)
    await client.close()


def settings(token: Token, database: str, key_label: str = "qa-master") -> ServiceSettings:
    return ServiceSettings(key_database=database, **token.settings(key_label))


async def test_a_service_seals_and_opens_with_keys_the_token_wraps(token, key_database):
    client, database = key_database
    ring = keyring_for(settings(token, database), client)
    await ring.prepare()
    kid, key = await ring.key_for("child:CASE-FICT-0201")
    sealed = seal_fields({"case_ref": "CASE-FICT-0201"}, ["case_ref"], kid=kid, key=key)

    another_process = keyring_for(settings(token, database), client)  # the same token's key
    assert open_fields(sealed, await another_process.keys([kid])).data == {
        "case_ref": "CASE-FICT-0201"}
    stored = await client[database][KEYS].find_one({"_id": kid})
    assert key not in bytes(stored["wrapped"]) and "CASE-FICT" not in str(stored)
    with pytest.raises(WrongMasterKey):  # no key outside the token unwraps it
        LocalMasterKey(new_key()).unwrap(kid, bytes(stored["wrapped"]))
    assert Pseudonyms.from_settings(settings(token, database)).of(
        "child", "CASE-FICT-0201") == stored["subject"]

    assert await ring.erase("child:CASE-FICT-0201") == [kid]
    assert await client[database][KEYS].find_one({"_id": kid}) is None


async def test_another_key_in_the_token_stops_the_service_at_start(token, key_database):
    client, database = key_database
    await keyring_for(settings(token, database), client).prepare()
    wrong = keyring_for(settings(token, database, key_label="qa-another"), client)
    with pytest.raises(WrongMasterKey):
        await wrong.prepare()


def test_a_key_the_token_does_not_hold_is_named_without_the_pin(token):
    with pytest.raises(MasterKeyError, match="'qa-missing'") as refused:
        master_key_for(ServiceSettings(**token.settings("qa-missing")))
    assert token.pin not in str(refused.value)
