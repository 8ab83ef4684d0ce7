"""Facts of the directory (qa.directory): teams and staff."""

from __future__ import annotations

from schemas.directory import StaffMemberUpserted, TeamUpserted

from .. import names
from .fact import Fact


def team_facts(e: TeamUpserted) -> list[Fact]:
    return [Fact(names.TEAMS, e.team_id, {
        "name": e.name, "service_area": e.service_area,
        "head_of_service_id": e.head_of_service_id, "active": e.active})]


def staff_facts(e: StaffMemberUpserted) -> list[Fact]:
    return [Fact(names.STAFF, e.person_id, {
        "display_name": e.display_name, "team_id": e.team_id, "job_role": e.job_role, "line_manager_id": e.line_manager_id,
        "asye": e.asye, "active": e.active, "roles": e.roles})]
