"""Everything a use case of audit capture may use, built once by bootstrap.py: one
repository per collection, and where the rotation starts."""

from __future__ import annotations

from dataclasses import dataclass

from ..adapters.audits import AuditRepository
from ..adapters.observations import Observations
from ..adapters.programme import ProgrammeMonths
from ..adapters.staff import Staff
from ..adapters.teams import Teams
from ..adapters.themes import ThemedAudits, Themes


@dataclass(frozen=True)
class Deps:
    audits: AuditRepository
    staff: Staff
    teams: Teams
    months: ProgrammeMonths
    observations: Observations
    themes: Themes
    themed_audits: ThemedAudits
    rotation_first_month: str  # anchors the rotation for months no programme planned
