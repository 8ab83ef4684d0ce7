"""Who read which data subject's personal data (topic qa.access): the access log's entries.

An entry holds no personal data of the subject read: the child or member of staff is named by
their pseudonym (shared/personal_data/pseudonyms.py), which the data protection officer's
search computes again from the case reference or person id typed. The purpose is chosen from
a fixed list, never typed, so the log cannot gather free text about a child."""

from __future__ import annotations

from datetime import datetime
from typing import Literal

from pydantic import Field

from . import topics
from .base import EventData, Id

SubjectKind = Literal["child", "staff"]
# Why a person opened a child's or a colleague's information, where a page asks.
PURPOSES = {
    "audit": "Auditing or moderating the case",
    "management_oversight": "Management oversight or supervision",
    "safeguarding": "A safeguarding concern",
    "complaint": "Answering a complaint or feedback",
    "learning_review": "A learning review or practice learning",
    "subject_access": "A subject access request",
}
Purpose = Literal["audit", "management_oversight", "safeguarding", "complaint",
                  "learning_review", "subject_access"]


class PersonalDataRead(EventData):
    event_type = "personal_data.read"
    topic = topics.ACCESS

    entry_id: Id = Field(description="This read's own id (the event id)")
    reader_id: Id = Field(description="The token's subject: who read")
    reader_roles: list[str] = Field(default_factory=list)
    subject_kind: SubjectKind
    subject_pseudonym: str = Field(pattern=r"^[0-9a-f]{64}$",
                                   description="HMAC of the subject, never the reference")
    service: str
    what: str = Field(description="The route template read, e.g. GET /audits/{audit_id}/view")
    record_id: Id | None = Field(default=None, description="The record shown, if one")
    purpose: Purpose | None = None
    read_at: datetime

    def subject(self) -> str:
        return self.subject_pseudonym
