"""Every collection audit capture owns, and its indexes."""

from __future__ import annotations

from shared.store import IndexSpec, ascending

from .audits import INDEXES as AUDIT_INDEXES
from .observations import OBSERVATIONS
from .programme import MONTHS
from .staff import STAFF
from .teams import TEAMS
from .themes import THEMED_AUDITS, THEMES

__all__ = ["INDEXES", "MONTHS", "OBSERVATIONS", "STAFF", "TEAMS", "THEMED_AUDITS", "THEMES"]
INDEXES = [
    *AUDIT_INDEXES,
    IndexSpec(STAFF, ascending("team_id")),
    IndexSpec(STAFF, ascending("audit_group")),
    # GET /observations?kind=...: the filter is on `kind_of_record`, the order `_id`.
    IndexSpec(OBSERVATIONS, ascending("kind_of_record", "_id")),
    # A social worker's home page: their practice observations, checklists about their cases.
    IndexSpec(OBSERVATIONS, ascending("worker_id")),
    IndexSpec(OBSERVATIONS, ascending("social_worker_id")),
    IndexSpec(THEMED_AUDITS, ascending("theme_id", "month")),
]
