"""Accepting a feedback item: same source and source id is the same item, never a duplicate."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import datetime
from functools import lru_cache
from typing import Any, Literal, Protocol

from pydantic import BaseModel, model_validator

from schemas.feedback import FeedbackItem, FeedbackItemAccepted, SafetyLinkTriggered
from shared.envelope import derived_id

MOMO_ONLY = ("app", "statement_kind", "feelings")


@lru_cache(maxsize=8192)  # asked several times per item while a chunk is imported
def _item_id(source: str, source_id: str) -> str:
    return derived_id("feedback", source, source_id)


def _hash(fields: dict[str, Any]) -> str:
    return hashlib.sha256(json.dumps(fields, sort_keys=True).encode()).hexdigest()


class Canonical(BaseModel):
    """What every incoming kind shares: an id from (source, source id) and a content hash."""

    def item_id(self) -> str:
        return _item_id(self.source, self.source_id)  # type: ignore[attr-defined]

    def content_hash(self) -> str:
        return _hash(self.model_dump(mode="json"))

    def stored_form(self, *, revision: int) -> dict[str, Any]:
        """The item as kept: its fields, content hash and revision (dumped once)."""
        fields = self.model_dump(mode="json")
        return {**fields, "content_hash": _hash(fields), "revision": revision}

    def free_texts(self) -> list[str]:
        return []


# The fields are schemas/feedback.py's FeedbackItem, shared with the accepted event (no
# docstring here: it would become the OpenAPI description of POST /feedback/items' body).
class FeedbackItemIn(Canonical, FeedbackItem):

    @model_validator(mode="after")
    def _source_rules(self) -> FeedbackItemIn:
        if self.safety_link and (self.source != "momo" or not self.case_ref):
            raise ValueError("safety_link is a MOMO statement's and needs the child's case_ref")
        if self.source != "momo" and any(getattr(self, f) for f in MOMO_ONLY):
            raise ValueError("app, statement_kind and feelings belong to MOMO statements")
        if self.source == "customer_feedback" and self.rating is None:
            raise ValueError("customer feedback needs a rating from 1 to 5")
        if self.source == "partner" and self.partner_kind is None:
            raise ValueError("partner feedback needs partner_kind (health, education, ...)")
        return self

    def free_texts(self) -> list[str]:
        return [t for t in (self.text, self.went_well, self.not_so_well) if t]

    def facts(self, *, revision: int, stored: dict[str, Any] | None, now: datetime) -> list[Any]:
        facts: list[Any] = [FeedbackItemAccepted(**self.model_dump(), item_id=self.item_id(),
                                                 revision=revision)]
        if self.safety_link and not (stored or {}).get("safety_link"):
            facts.insert(0, SafetyLinkTriggered(
                item_id=self.item_id(), source_id=self.source_id, case_ref=self.case_ref or "",
                team_id=self.team_id, received_on=self.received_on, received_at=now))
        return facts


class Incoming(Protocol):
    def item_id(self) -> str: ...
    def content_hash(self) -> str: ...
    def facts(self, *, revision: int, stored: dict[str, Any] | None,
              now: datetime) -> list[Any]: ...


@dataclass(frozen=True)
class Decision:
    outcome: Literal["accepted", "updated", "duplicate"]
    revision: int
    facts: tuple[Any, ...] = ()


def decide(item: Incoming, *, stored: dict[str, Any] | None, now: datetime) -> Decision:
    if stored is not None and stored["content_hash"] == item.content_hash():
        return Decision("duplicate", stored["revision"])
    revision = 1 if stored is None else stored["revision"] + 1
    facts = item.facts(revision=revision, stored=stored, now=now)
    return Decision("accepted" if stored is None else "updated", revision, tuple(facts))
