"""Everything a use case or event handler of data protection may use, built once by
bootstrap.py."""

from __future__ import annotations

from dataclasses import dataclass

from shared.clock import Clock
from shared.personal_data.pseudonyms import Pseudonyms

from shared.kafka import EventPublisher
from shared.personal_data.envelopes import PersonalData

from ..adapters.access_log import AccessLogStore
from ..adapters.erasures import Erasures, ServiceCalls
from ..adapters.holds import LegalHolds
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
