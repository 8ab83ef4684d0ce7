"""The one envelope every event travels in (CloudEvents-like), and deterministic ids."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from functools import cached_property
from typing import Any

from pydantic import AwareDatetime, BaseModel, ConfigDict, Field, PrivateAttr, field_validator

# The largest event a write may hold. Kafka refuses messages over 1 MiB by default (producer
# max.request.size, broker message.max.bytes), and sealing personal text grows it by a third
# (base64): an event of this size still fits once sealed.
MAX_EVENT_BYTES = 512 * 1024

# Fixed namespace so that ids derived from the same inputs are the same in every process.
_DERIVED_ID_NAMESPACE = uuid.UUID("5b0f2a52-8a51-4c8e-9f4b-6a7e0c1d2e3f")


def derived_id(*parts: object) -> str:
    """A UUID that is always the same for the same parts: redelivery makes no second fact."""
    return str(uuid.uuid5(_DERIVED_ID_NAMESPACE, "|".join(str(p) for p in parts)))


def utc_now() -> datetime:
    return datetime.now(UTC)


class EventTooLarge(ValueError):
    """An event larger than Kafka would take: refused before anything is stored (413)."""


def within_size(envelope: Envelope) -> Envelope:
    """The envelope, if it can be published; EventTooLarge saying by how much if not."""
    size = len(envelope.to_bytes())
    if size > MAX_EVENT_BYTES:
        raise EventTooLarge(
            f"the {envelope.event_type} event would be {size:,} bytes, more than the "
            f"{MAX_EVENT_BYTES:,} an event may hold: nothing was recorded; shorten its text "
            "or record it in parts")
    return envelope


class Envelope(BaseModel):
    """Metadata around a fact; `data` is validated against the event's own model."""

    model_config = ConfigDict(extra="ignore", frozen=True)

    event_id: uuid.UUID
    event_type: str = Field(min_length=1, examples=["audit.submitted"])
    schema_version: int = Field(default=1, ge=1)
    source: str = Field(min_length=1, description="The service that published the event")
    occurred_at: AwareDatetime
    subject: str = Field(min_length=1, description="Aggregate id; also the Kafka key")
    correlation_id: str = Field(min_length=1)
    causation_id: str | None = None
    data: dict[str, Any]
    # The trace context it was written in (W3C headers; shared/tracing.py): kept beside it
    # in an outbox and sent as Kafka headers, never part of the message's JSON.
    _trace: dict[str, str] = PrivateAttr(default_factory=dict)

    @property
    def written_in(self) -> dict[str, str]:
        return self._trace

    def continuing(self, context: dict[str, str] | None) -> Envelope:
        """This envelope, marked as written in `context` (an outbox entry read back)."""
        self._trace.update(context or {})
        return self

    @field_validator("occurred_at")
    @classmethod
    def _in_utc(cls, value: datetime) -> datetime:
        return value.astimezone(UTC)

    def key(self) -> bytes:
        return self.subject.encode()

    def to_bytes(self) -> bytes:
        return self.as_json.encode()

    @cached_property
    def as_json(self) -> str:
        """Serialised once: an outbox stores this text and Kafka gets the same bytes."""
        return self.model_dump_json()
