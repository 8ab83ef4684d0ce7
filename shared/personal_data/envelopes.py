"""Sealing an event's personal data as it is published, and opening it as it is read.

`PersonalData` is the one place the platform does either: the publisher hands it every
envelope before the bytes go to Kafka, the shared consumer (and reporting's batch decoding)
every message before it is validated. What is marked is read from the schemas' catalogue,
so an event type gains protection by marking a field, not by code here.

Messages written before sealing existed, or by tools that do not seal, pass through as they
are: a reader opens what is sealed and leaves clear text alone.
"""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Sequence
from typing import Any

from schemas.base import EventData, personal_fields
from schemas.catalogue import EVENTS
from shared.envelope import Envelope

from .keyring import Keyring
from .sealing import PREFIX, open_fields, seal_fields

log = logging.getLogger(__name__)
_MARKED: dict[str, tuple[type[EventData], list[str]]] = {
    model.event_type: (model, paths) for model in EVENTS if (paths := personal_fields(model))}
_SEALED = re.compile(rb'"' + PREFIX.encode() + rb':([0-9a-f]{32}):')


def marked_paths(event_type: str) -> list[str]:
    return _MARKED.get(event_type, (None, []))[1]


class PersonalData:
    def __init__(self, keyring: Keyring) -> None:
        self.keyring = keyring
        self.erased_reads = 0  # values that read as erased since the process started

    async def seal(self, envelope: Envelope) -> Envelope:
        """The envelope with its marked fields sealed under their subject's key (itself if
        its type marks none)."""
        model, paths = _MARKED.get(envelope.event_type, (None, []))
        if model is None:
            return envelope
        kid, key = await self.keyring.key_for(
            model.personal_data_subject(envelope.data, envelope.subject))
        sealed = seal_fields(envelope.data, paths, kid=kid, key=key)
        return Envelope.model_validate(
            {**envelope.model_dump(), "data": sealed}).continuing(envelope.written_in)

    async def seal_all(self, events: Sequence[tuple[str, Envelope]]) -> list[tuple[str, Envelope]]:
        return [(topic, await self.seal(envelope)) for topic, envelope in events]

    async def open(self, envelope: Envelope) -> Envelope:
        """The envelope with every sealed value opened (or read as erased)."""
        opened = await self._open_data(envelope.data)
        if opened is None:
            return envelope
        return Envelope.model_validate(
            {**envelope.model_dump(), "data": opened}).continuing(envelope.written_in)

    async def open_raw(self, values: Sequence[bytes]) -> list[bytes]:
        """Raw messages with their sealed values opened, one key lookup for them all; a
        message with nothing sealed (or not JSON) is returned as it is."""
        wanted = {m.decode() for value in values for m in _SEALED.findall(value)}
        if not wanted:
            return list(values)
        keys = await self.keyring.keys(wanted)
        return [self._open_one(value, keys) if _SEALED.search(value) else value
                for value in values]

    def _open_one(self, value: bytes, keys: dict[str, bytes | None]) -> bytes:
        try:
            message = json.loads(value)
        except ValueError:
            return value
        opened = open_fields(message, keys)
        self._count(opened.erased)
        return json.dumps(opened.data, separators=(",", ":")).encode()

    async def _open_data(self, data: dict[str, Any]) -> dict[str, Any] | None:
        raw = json.dumps(data, separators=(",", ":")).encode()
        wanted = {m.decode() for m in _SEALED.findall(raw)}
        if not wanted:
            return None
        opened = open_fields(data, await self.keyring.keys(wanted))
        self._count(opened.erased)
        return opened.data

    def _count(self, erased: int) -> None:
        if erased:
            self.erased_reads += erased
            log.info("sealed values read as erased", extra={"values": erased})
