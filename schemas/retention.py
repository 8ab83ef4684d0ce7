"""Legal holds and the retention job's runs (topic qa.privacy).

A hold names its data subject by pseudonym only (shared/personal_data/pseudonyms.py), as the
access log does: the case reference or person id stays in data protection's own store, and
travels to a service only in the body of the retention request. A run's event carries counts,
never a record's personal data."""

from __future__ import annotations

from datetime import date, datetime
from enum import StrEnum
from typing import Literal

from pydantic import BaseModel, Field

from . import topics
from .base import EventData, Id, PersonalText


class RecordKind(StrEnum):
    """The kinds of record the retention schedule has a rule for."""

    AUDITS = "audits"
    OBSERVATIONS = "observations"
    FEEDBACK = "feedback"
    COMPLAINTS = "complaints"
    ACTIONS = "actions"
    MEETINGS = "meetings"
    LOGS = "logs"


class LegalHoldSet(EventData):
    event_type = "legal_hold.set"
    topic = topics.PRIVACY

    hold_id: Id
    subject_kind: Literal["child", "staff"] | None = None
    subject_pseudonym: str | None = Field(default=None, pattern=r"^[0-9a-f]{64}$")
    team_id: Id | None = None
    from_date: date | None = None
    to_date: date | None = None
    record_kind: RecordKind | None = None
    reason: PersonalText = Field(description="Why the records are kept (an inquiry's order...)")
    set_by: Id = Field(description="The data protection officer who set it")
    set_at: datetime

    def subject(self) -> str:
        return self.hold_id


class LegalHoldLifted(EventData):
    event_type = "legal_hold.lifted"
    topic = topics.PRIVACY

    hold_id: Id
    lifted_by: Id
    lifted_at: datetime

    def subject(self) -> str:
        return self.hold_id


class KindRetained(BaseModel):
    kind: RecordKind
    disposal: Literal["delete", "blank"]
    expired: int = Field(ge=0)
    held: int = Field(ge=0, description="Expired but kept by a legal hold")
    disposed: int = Field(ge=0, description="Deleted or blanked (in a dry run: would be)")


class ServiceRetained(BaseModel):
    service: str
    answered: bool = Field(description="False: the service did not answer; it is tried again "
                           "at the next run")
    kinds: list[KindRetained] = Field(default_factory=list)


class RetentionRunRecorded(EventData):
    event_type = "retention.run_recorded"
    topic = topics.PRIVACY

    run_id: Id
    dry_run: bool
    today: date = Field(description="The day the schedule was applied for")
    started_at: datetime
    finished_at: datetime
    services: list[ServiceRetained]

    def subject(self) -> str:
        return self.run_id
