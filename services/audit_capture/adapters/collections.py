"""Every collection audit capture owns, and its indexes."""

from __future__ import annotations

from shared.store import IndexSpec, ascending

from .audits import INDEXES as AUDIT_INDEXES
from .staff import STAFF

TEAMS, MONTHS = "teams", "programme_months"
OBSERVATIONS, THEMES, THEMED_AUDITS = "observations", "themes", "themed_audits"
INDEXES = [
    *AUDIT_INDEXES,
    IndexSpec(STAFF, ascending("team_id")),
    IndexSpec(STAFF, ascending("audit_group")),
    # GET /observations?kind=...: the filter is on `kind_of_record`, the order `_id`.
    IndexSpec(OBSERVATIONS, ascending("kind_of_record", "_id")),
    IndexSpec(THEMED_AUDITS, ascending("theme_id", "month")),
]
