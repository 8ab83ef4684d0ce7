"""Turning events into facts: one generic, idempotent handler driven by domain.facts."""

from __future__ import annotations

from typing import Any

from schemas.base import EventData
from shared.envelope import Envelope

from ..adapters.facts import FactStore
from ..domain.facts import FACT_FUNCTIONS


class ProjectionHandlers:
    def __init__(self, store: FactStore) -> None:
        self.store = store

    async def apply(self, event: EventData, envelope: Envelope) -> None:
        for fact in FACT_FUNCTIONS[type(event)](event):
            await self.store.apply(fact.collection, fact.fact_id, fact.fields,
                                   as_of=envelope.occurred_at)

    def __getattr__(self, name: str) -> Any:
        # Older call sites name a handler per event (on_audit_submitted): all are `apply`.
        if name.startswith("on_"):
            return self.apply
        raise AttributeError(name)
