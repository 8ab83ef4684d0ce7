"""The local master key and subjects' pseudonyms (shared/personal_data/master_key.py)."""

import base64
import stat

import pytest

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
