"""The staff directory: import from CSV (all rows or none), edit one team or person, read.
A change publishes an event with a growing revision; no change, no event."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from schemas.directory import StaffMemberUpserted, TeamUpserted
from shared.http import current_correlation_id

from ..adapters.staff import Staff
from ..adapters.teams import Teams
from ..domain.directory import StaffRecord, TeamRecord, changed, parse_staff_csv
from ..domain.directory import unknown_references
from .deps import Deps


class DirectoryRefused(ValueError):
    """What the directory cannot take: (location in the request, why) for each problem."""

    def __init__(self, problems: list[tuple[list[Any], str]]) -> None:
        super().__init__("; ".join(why for _, why in problems))
        self.problems = problems


@dataclass(frozen=True)
class Imported:
    published: bool
    teams_changed: int
    staff_changed: int
    rows: int


async def import_directory(deps: Deps, csv_text: str) -> Imported:
    """Every row, or none (DirectoryRefused naming each bad row and column)."""
    staff, teams, problems = parse_staff_csv(csv_text)
    if not problems:
        known_people = await deps.staff.ids()
        known_teams = {t.team_id for t in teams} | await deps.teams.ids()
        problems = unknown_references(staff, known_people=known_people, known_teams=known_teams)
    if problems:
        raise DirectoryRefused([(p["loc"], p["msg"]) for p in problems])
    published, teams_changed, staff_changed = True, 0, 0
    for team in teams:
        outcome = await save_team(deps, team)
        teams_changed += outcome is not None
        published &= outcome is not False
    for person in staff:
        outcome = await _save(deps.staff, person, StaffMemberUpserted, person.person_id)
        staff_changed += outcome is not None
        published &= outcome is not False
    return Imported(published, teams_changed, staff_changed, rows=len(staff))


async def save_team(deps: Deps, team: TeamRecord) -> bool | None:
    """None when nothing changed (no event); else whether the event reached the broker."""
    return await _save(deps.teams, team, TeamUpserted, team.team_id)


async def save_person(deps: Deps, person: StaffRecord) -> bool | None:
    """As save_team; the person's team and line manager must be in the directory."""
    if await deps.teams.get(person.team_id) is None:
        raise DirectoryRefused([(["team_id"], f"team {person.team_id} is not in the directory")])
    if person.line_manager_id and await deps.staff.get(person.line_manager_id) is None:
        raise DirectoryRefused([(["line_manager_id"],
                                 f"{person.line_manager_id} is not in the directory")])
    return await _save(deps.staff, person, StaffMemberUpserted, person.person_id)


async def staff_listed(deps: Deps, *, team_id: str | None,
                       audit_group: int | None) -> list[dict[str, Any]]:
    return await deps.staff.listed(team_id=team_id, audit_group=audit_group)


async def find_person(deps: Deps, person_id: str) -> dict[str, Any] | None:
    return await deps.staff.get(person_id)


async def teams_listed(deps: Deps) -> list[dict[str, Any]]:
    return await deps.teams.listed()


async def _save(aggregates: Staff | Teams, record: StaffRecord | TeamRecord,
                event: type[StaffMemberUpserted] | type[TeamUpserted], key: str) -> bool | None:
    existing = await aggregates.get(key)
    if not changed(existing, record):
        return None
    revision = (existing or {}).get("revision", 0) + 1
    fields = record.model_dump(mode="json") | {"revision": revision}
    fact = event(**fields)
    if existing is None:
        return await aggregates.create({"_id": key, **fields}, [fact],
                                       correlation_id=current_correlation_id())
    return await aggregates.change(existing, fields, [fact],
                                   correlation_id=current_correlation_id())
