"""A dead letter always fits on Kafka: whole when it can, else cut, with the original's hash
and size (issue 18, defect 1)."""

from __future__ import annotations

import base64
import hashlib
import json
from types import SimpleNamespace

from shared.deadletters import MAX_LETTER_BYTES, build_letter, minimal_letter


def record(value: bytes, key: bytes | None = b"k") -> SimpleNamespace:
    return SimpleNamespace(topic="qa.audit", partition=1, offset=7, key=key, value=value)


def test_a_small_message_travels_whole_with_its_hash_and_size():
    letter = json.loads(build_letter(record(b"{not json"), group="g", error="undecodable: x"))
    assert base64.b64decode(letter["value_b64"]) == b"{not json"
    assert letter["value_truncated"] is False and letter["value_size"] == 9
    assert letter["value_sha256"] == hashlib.sha256(b"{not json").hexdigest()


def test_a_message_whose_letter_would_pass_the_limit_is_cut_to_its_beginning():
    poison = b"{" + b"B" * 1_000_000
    encoded = build_letter(record(poison), group="g", error="undecodable: body")
    letter = json.loads(encoded)
    assert len(encoded) <= MAX_LETTER_BYTES
    assert letter["value_truncated"] is True and letter["value_size"] == len(poison)
    assert poison.startswith(base64.b64decode(letter["value_b64"]))
    assert letter["value_sha256"] == hashlib.sha256(poison).hexdigest()


def test_with_a_small_limit_no_bytes_of_the_original_are_kept():
    letter = json.loads(build_letter(record(b"x" * 5000), group="g", error="e", max_bytes=2000))
    assert letter["value_b64"] == "" and letter["value_truncated"] is True
    assert letter["value_size"] == 5000


def test_the_minimal_letter_keeps_position_hash_and_size_only():
    whole = build_letter(record(b"x" * 50), group="g", error="e")
    letter = json.loads(minimal_letter(whole))
    assert (letter["original_topic"], letter["partition"], letter["offset"]) == ("qa.audit", 1, 7)
    assert letter["value_b64"] == "" and letter["key_b64"] is None
    assert letter["value_sha256"] == json.loads(whole)["value_sha256"]
