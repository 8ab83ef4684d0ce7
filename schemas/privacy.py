"""Erasures (topic qa.privacy). The event never names the subject: it carries their pseudonym
and the ids of the keys destroyed, so every service can drop those keys from its cache at
once; the case reference stays in data protection's own record of the erasure."""

from __future__ import annotations

from datetime import datetime
from typing import Literal

from pydantic import Field

from . import topics
from .base import EventData, Id


class SubjectErased(EventData):
    event_type = "personal_data.subject_erased"
    topic = topics.PRIVACY

    erasure_id: Id
    subject_kind: Literal["child", "staff"]
    subject_pseudonym: str = Field(description="HMAC of the subject, never the reference")
    key_ids: list[str] = Field(description="The subject's keys destroyed (and its records')")
    erased_at: datetime

    def subject(self) -> str:
        return self.erasure_id
