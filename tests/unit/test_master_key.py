"""The local master key and subjects' pseudonyms (shared/personal_data/master_key.py)."""

import base64
import os
import stat

import pytest
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from shared.personal_data.key_wrapping import LocalMasterKey, WrongMasterKey
from shared.personal_data.master_key import (MasterKeyError, derived, load_master_key,
                                             pseudonym)


def test_the_key_file_is_made_once_for_the_owner_only_and_read_back(tmp_path):
    path = tmp_path / "keys" / "master.key"
    first = load_master_key(path=path)
    assert len(first) == 32 and load_master_key(path=path) == first
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert [p.name for p in path.parent.iterdir()] == ["master.key"]  # no draft left


def test_a_key_given_directly_is_used_and_a_bad_one_refused(tmp_path):
    key = bytes(range(32))
    assert load_master_key(encoded=base64.b64encode(key).decode(), path=tmp_path / "x") == key
    assert not (tmp_path / "x").exists()
    with pytest.raises(MasterKeyError, match="32 bytes"):
        load_master_key(encoded=base64.b64encode(b"short").decode())
    with pytest.raises(MasterKeyError, match="base64"):
        load_master_key(encoded="not base64!")


def test_a_damaged_key_file_is_refused(tmp_path):
    path = tmp_path / "master.key"
    path.write_bytes(b"too short")
    with pytest.raises(MasterKeyError, match="32 bytes"):
        load_master_key(path=path)


def test_pseudonyms_are_stable_per_subject_and_hide_it():
    secret = derived(bytes(32), "name subjects")
    assert secret != derived(bytes(32), "wrap subject keys")
    name = pseudonym(secret, "child:CASE-FICT-0001")
    assert name == pseudonym(secret, "child:CASE-FICT-0001")
    assert name != pseudonym(secret, "child:CASE-FICT-0002")
    assert "CASE" not in name and len(name) == 64


def test_keys_wrapped_before_the_master_key_interface_still_unwrap_and_a_changed_one_does_not():
    """The local master key wraps as the key ring always did (AES-GCM under a key derived for
    the purpose, the key id bound): stores made before it open unchanged."""
    master, key = os.urandom(32), os.urandom(32)
    nonce = os.urandom(12)
    before = nonce + AESGCM(derived(master, "wrap subject keys")).encrypt(nonce, key, b"kid-1")
    local = LocalMasterKey(master)
    assert local.unwrap("kid-1", before) == key
    assert local.unwrap("kid-2", local.wrap("kid-2", key)) == key
    assert local.derive("name subjects") == derived(master, "name subjects")
    with pytest.raises(WrongMasterKey):
        local.unwrap("kid-other", before)  # the id is bound: a key moved to another id fails
