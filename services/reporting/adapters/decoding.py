"""Decoding raw messages into the facts they set, in one validation pass per message.

The live consumer validates the envelope, then the data against the event's model. A
rebuild reads every event ever published, so here each event type gets its own envelope
model with typed `data`, and one discriminated union picks and validates it from the JSON
in a single call into pydantic-core: about three times faster than two passes.
"""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any, Literal, Union

from pydantic import Field, TypeAdapter, ValidationError, create_model

from shared.envelope import Envelope

from ..domain.facts import FACT_FUNCTIONS

Pending = tuple[str, str, dict[str, Any], datetime]


def _typed_envelopes() -> TypeAdapter:
    models = [create_model(f"{model.__name__}Envelope", __base__=Envelope,
                           event_type=(Literal[model.event_type], ...), data=(model, ...))
              for model in FACT_FUNCTIONS]
    return TypeAdapter(Annotated[Union[tuple(models)], Field(discriminator="event_type")])


_ENVELOPES = _typed_envelopes()


def facts_of(value: bytes) -> tuple[list[Pending], str]:
    """The facts one message sets, and what it was: applied, ignored or invalid."""
    try:
        envelope = _ENVELOPES.validate_json(value)
    except ValidationError as error:
        if error.errors()[0]["type"] == "union_tag_invalid":
            return [], "ignored"  # a type reporting keeps nothing of
        return [], "invalid"  # the live consumer dead-letters these; a rebuild skips them
    data = envelope.data
    return [(f.collection, f.fact_id, f.fields, envelope.occurred_at)
            for f in FACT_FUNCTIONS[type(data)](data)], "applied"
