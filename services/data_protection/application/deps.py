"""Everything a use case or event handler of data protection may use, built once by
bootstrap.py."""

from __future__ import annotations

from dataclasses import dataclass

from shared.clock import Clock
from shared.personal_data.pseudonyms import Pseudonyms

from ..adapters.access_log import AccessLogStore
from ..adapters.holds import LegalHolds

from ..settings import DataProtectionSettings


@dataclass
class Deps:
    settings: DataProtectionSettings
    clock: Clock
    access_log: AccessLogStore
    pseudonyms: Pseudonyms  # what the officer types, as the services recorded it
    holds: LegalHolds
