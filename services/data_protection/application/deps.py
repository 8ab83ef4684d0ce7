"""Everything a use case or event handler of data protection may use, built once by
bootstrap.py."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from shared.clock import Clock
from shared.personal_data.pseudonyms import Pseudonyms

from shared.directory import DirectoryProjection
from shared.kafka import EventPublisher
from shared.personal_data.envelopes import PersonalData
from shared.personal_data.retention_schedule import RetentionSchedule
from shared.personal_data.retention_sweep import RetainedCollection

from ..adapters.access_log import AccessLogStore
from ..adapters.erasures import Erasures, ServiceCalls
from ..adapters.holds import LegalHolds
from ..adapters.retention_calls import RetentionCalls
from ..adapters.retention_runs import RetentionRuns
from ..adapters.subject_access import SubjectAccessStore

from ..settings import DataProtectionSettings


@dataclass
class Deps:
    settings: DataProtectionSettings
    clock: Clock
    access_log: AccessLogStore
    pseudonyms: Pseudonyms  # what the officer types, as the services recorded it
    subject_access: SubjectAccessStore
    holds: LegalHolds
    # Erasure: the key ring (through the shared PersonalData), the event's publisher, the
    # erasures' records and the calls asking every service to blank the subject.
    personal: PersonalData | None = None
    publisher: EventPublisher | None = None
    erasures: Erasures | None = None
    calls: ServiceCalls | None = None
    # The retention job: the runs' records, the calls to every service, and what of this
    # service's own the schedule applies to (the access log), in its database.
    retention_runs: RetentionRuns | None = None
    retention_calls: RetentionCalls | None = None
    retention_schedule: RetentionSchedule | None = None
    retained: list[RetainedCollection] = field(default_factory=list)
    database: Any = None
    directory: DirectoryProjection | None = None  # pages name people and teams
