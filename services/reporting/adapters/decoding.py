"""Decoding raw messages into the facts they set, in one validation pass per message.

The shared consumer validates the envelope, then the data against the event's model. Here
each event type gets its own envelope model with typed `data`, and one discriminated union
picks and validates it from the JSON in a single call into pydantic-core: about three times
faster than two passes. The live projector and the rebuild both decode this way; only a
message that fails is looked at again the shared consumer's way, to dead-letter it with the
same reason (`undecodable` or `invalid`, field names only) the shared consumer would give.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Annotated, Any, Literal, Union

from pydantic import Field, TypeAdapter, ValidationError, create_model

from shared.consumer import describe
from shared.envelope import Envelope

from ..domain.facts import FACT_FUNCTIONS

# collection, fact id, fields, as_of (the event's occurred_at, as the store keeps dates)
Pending = tuple[str, str, dict[str, Any], datetime]
MODELS = {model.event_type: model for model in FACT_FUNCTIONS}


def instant(value: datetime) -> datetime:
    """`value` as the store keeps it: BSON dates hold milliseconds (a redelivered event must
    compare equal to the one stored, not a few microseconds newer); naive means UTC."""
    if value.tzinfo is None:
        value = value.replace(tzinfo=UTC)
    if value.microsecond % 1000:
        value = value.replace(microsecond=value.microsecond - value.microsecond % 1000)
    return value


def _typed_envelopes() -> TypeAdapter:
    models = [create_model(f"{model.__name__}Envelope", __base__=Envelope,
                           event_type=(Literal[model.event_type], ...), data=(model, ...))
              for model in FACT_FUNCTIONS]
    return TypeAdapter(Annotated[Union[tuple(models)], Field(discriminator="event_type")])


_ENVELOPES = _typed_envelopes()


def _facts(data: Any, occurred_at: datetime) -> list[Pending]:
    as_of = instant(occurred_at)
    return [(f.collection, f.fact_id, f.fields, as_of) for f in FACT_FUNCTIONS[type(data)](data)]


def facts_of(value: bytes) -> tuple[list[Pending], str]:
    """The facts one message sets, and what it was: applied, ignored or invalid (the
    rebuild skips invalid messages: the live projector dead-lettered them)."""
    try:
        envelope = _ENVELOPES.validate_json(value)
    except ValidationError as error:
        if error.errors()[0]["type"] == "union_tag_invalid":
            return [], "ignored"  # a type reporting keeps nothing of
        return [], "invalid"
    return _facts(envelope.data, envelope.occurred_at), "applied"


class Decoded:
    """One live message: the facts it sets (`event_type` set), or why it sets none."""

    __slots__ = ("event_type", "facts", "reason", "error")

    def __init__(self, event_type: str | None = None, facts: list[Pending] | None = None,
                 reason: str | None = None, error: str = "") -> None:
        self.event_type, self.facts, self.reason, self.error = event_type, facts, reason, error

    @property
    def ignored(self) -> bool:
        return self.event_type is None and self.reason is None


def decode_live(value: bytes, projected: frozenset[str]) -> Decoded:
    """As the shared consumer judges one message on a topic that projects the event types
    `projected`: other types are ignored (tolerant reader), a message that breaks its
    contract gets the shared consumer's dead-letter reason."""
    try:
        envelope = _ENVELOPES.validate_json(value)
    except ValidationError:
        return _decode_slowly(value, projected)
    if envelope.event_type not in projected:
        return Decoded()
    return Decoded(envelope.event_type, _facts(envelope.data, envelope.occurred_at))


def _decode_slowly(value: bytes, projected: frozenset[str]) -> Decoded:
    """The shared consumer's two passes, for a message the one-pass decoding refused."""
    try:
        envelope = Envelope.model_validate_json(value)
    except ValidationError as error:
        return Decoded(reason="undecodable", error=describe(error))
    if envelope.event_type not in projected:
        return Decoded()
    try:
        data = MODELS[envelope.event_type].model_validate(envelope.data)
    except ValidationError as error:
        return Decoded(reason="invalid", error=describe(error))
    return Decoded(envelope.event_type, _facts(data, envelope.occurred_at))
