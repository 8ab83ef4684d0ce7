"""Drill-down exports name people and teams beside their ids (issue 11)."""

from __future__ import annotations

from services.reporting.application.names import names_beside_ids
from services.reporting.domain.tables import rows_table
from shared.web.names import DirectoryNames

FOUND = DirectoryNames(people={"aud-1": "Fictional Auditor Oak", "sw-1": "Fictional Worker Ash"},
                       teams={"team-1": "Fictional Riverside Team"})


def test_each_known_id_gets_its_name_in_the_next_column():
    rows = [{"_id": "audit-1", "team_id": "team-1", "auditor_ids": ["aud-1", "aud-2"],
             "social_worker_id": "sw-1", "month": "2026-11"}]
    columns, cells = rows_table(names_beside_ids(FOUND, rows))
    assert columns == ["_id", "team_id", "team_name", "auditor_ids", "auditor_names",
                       "social_worker_id", "social_worker_name", "month"]
    assert cells == [["audit-1", "team-1", "Fictional Riverside Team", "aud-1, aud-2",
                      "Fictional Auditor Oak, aud-2", "sw-1", "Fictional Worker Ash",
                      "2026-11"]]


def test_rows_without_people_or_teams_are_left_as_they_are():
    assert names_beside_ids(FOUND, [{"_id": "x", "month": "2026-11", "audit_id": "a"}]) == \
        [{"_id": "x", "month": "2026-11", "audit_id": "a"}]
