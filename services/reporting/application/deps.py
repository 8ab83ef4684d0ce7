"""Everything a use case or event handler of reporting may use, built once by bootstrap.py:
the facts (written by the projector, read through named queries), the filter values the
facts name, and the outboxes reporting writes (sign-offs, indicator imports, the staff
briefing sheet's lessons)."""

from __future__ import annotations

from dataclasses import dataclass

from ..adapters.facts import FactStore
from ..adapters.indicator_imports import IndicatorImports
from ..adapters.report_facts import ReportFacts
from ..adapters.signoff import SignOffs
from ..adapters.staff_briefing import StaffBriefings
from ..settings import ReportingSettings
from .known_values import KnownValues


@dataclass
class Deps:
    settings: ReportingSettings
    facts: FactStore
    reports: ReportFacts
    known: KnownValues
    signoffs: SignOffs
    indicators: IndicatorImports
    staff_briefings: StaffBriefings
