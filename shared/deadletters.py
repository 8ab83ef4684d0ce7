"""Building a dead letter that always fits on Kafka (issue 18, defect 1).

A letter carries the original bytes in base64, a third larger than they were, so a message
near the broker's limit made a letter over it: the broker refused the letter and the poison
was read again for ever. A letter whose encoding would pass `max_bytes` keeps only the
first `excerpt_bytes` of the original, with the original's sha256 and size (every letter
carries those, so a truncated one still identifies what it stood for)."""

from __future__ import annotations

import base64
import hashlib
from typing import Any

from schemas.deadletter import DeadLetter

from .envelope import utc_now

# Under Kafka's default 1 MiB (producer max.request.size, broker message.max.bytes),
# leaving room for the key, headers and record overhead.
MAX_LETTER_BYTES = 900_000
EXCERPT_BYTES = 64 * 1024


def _b64(value: bytes) -> str:
    return base64.b64encode(value).decode()


def build_letter(record: Any, *, group: str, error: str, max_bytes: int = MAX_LETTER_BYTES,
                 excerpt_bytes: int = EXCERPT_BYTES) -> bytes:
    """The letter's bytes for a Kafka `record` (topic, partition, offset, key, value):
    whole when it fits in `max_bytes`, else with the value cut to its first
    `excerpt_bytes`, and with none of it if even that does not fit."""
    value = record.value or b""
    letter = DeadLetter(
        original_topic=record.topic, partition=record.partition, offset=record.offset,
        key_b64=_b64(record.key) if record.key else None, value_b64=_b64(value),
        value_size=len(value), value_sha256=hashlib.sha256(value).hexdigest(),
        error=error, consumer_group=group, failed_at=utc_now(),
    )
    for excerpt in (None, value[:excerpt_bytes], b""):
        if excerpt is not None:
            letter = letter.model_copy(update={"value_b64": _b64(excerpt),
                                               "value_truncated": True})
        encoded = letter.model_dump_json().encode()
        if len(encoded) <= max_bytes:
            break
    return encoded


def minimal_letter(letter: bytes) -> bytes:
    """The same letter without any of the original's bytes: for a broker whose limit is below
    the one assumed here."""
    model = DeadLetter.model_validate_json(letter)
    return model.model_copy(update={"value_b64": "", "key_b64": None,
                                    "value_truncated": True}).model_dump_json().encode()
