"""Accepting a feedback item: same source and source id is the same item, never a duplicate."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, Literal

from pydantic import BaseModel, Field, model_validator

from schemas.base import CaseReference, Id, PersonalText
from schemas.feedback import FeedbackItemAccepted, FeedbackSource, SafetyLinkTriggered
from shared.envelope import derived_id


class FeedbackItemIn(BaseModel):
    source: FeedbackSource
    source_id: Id
    received_on: date
    team_id: Id | None = None
    case_ref: CaseReference | None = None
    themes: list[str] = Field(default_factory=list)
    rating: int | None = Field(default=None, ge=1, le=5)
    text: PersonalText | None = None
    safety_link: bool = Field(default=False, description="MOMO only: the child feels unsafe")

    @model_validator(mode="after")
    def _safety_link_needs_a_child(self) -> FeedbackItemIn:
        if self.safety_link and (self.source != "momo" or not self.case_ref):
            raise ValueError("safety_link is a MOMO statement's and needs the child's case_ref")
        return self

    def item_id(self) -> str:
        return derived_id("feedback", self.source, self.source_id)

    def content_hash(self) -> str:
        canonical = json.dumps(self.model_dump(mode="json"), sort_keys=True)
        return hashlib.sha256(canonical.encode()).hexdigest()


@dataclass(frozen=True)
class Decision:
    outcome: Literal["accepted", "updated", "duplicate"]
    revision: int
    facts: tuple[Any, ...] = ()


def decide(item: FeedbackItemIn, *, stored: dict[str, Any] | None, now: datetime) -> Decision:
    if stored is not None and stored["content_hash"] == item.content_hash():
        return Decision("duplicate", stored["revision"])
    revision = 1 if stored is None else stored["revision"] + 1
    fields = item.model_dump(exclude={"safety_link"})
    facts: list[Any] = [FeedbackItemAccepted(**fields, item_id=item.item_id(), revision=revision)]
    first_safety_link = item.safety_link and not (stored or {}).get("safety_link")
    if first_safety_link:
        facts.insert(0, SafetyLinkTriggered(item_id=item.item_id(), source_id=item.source_id,
                                            case_ref=item.case_ref or "", team_id=item.team_id,
                                            received_on=item.received_on, received_at=now))
    return Decision("accepted" if stored is None else "updated", revision, tuple(facts))
