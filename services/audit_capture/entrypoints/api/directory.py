"""The staff directory: import from CSV, edit one team or person, read; changes are events."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Body, Depends, Query, Response

from shared.auth import Principal, allow
from shared.http import PENDING_RESPONSE

from ...application.deps import Deps
from ...application.directory import DirectoryRefused, find_person, import_directory
from ...application.directory import save_person, save_team, staff_listed, teams_listed
from ...domain.directory import StaffRecord, TeamRecord
from ..deps import get_deps
from ..roles import EDITORS, READERS
from .answers import invalid, not_found, recorded

router = APIRouter(prefix="/directory", tags=["directory"])
CSV_EXAMPLE = ("person_id,display_name,team_id,team_name,job_role,line_manager_id,audit_group,"
               "asye,roles\ntm-001,Test Manager,team-a,Fictional Team A,Team manager,,1,no,"
               "auditor team_manager\nsw-001,Test Worker,team-a,,Social worker,tm-001,,yes,\n")


@router.post("/import", responses=PENDING_RESPONSE)
async def import_csv(
    response: Response,
    csv_text: Annotated[str, Body(media_type="text/csv", examples=[CSV_EXAMPLE])],
    _: Principal = Depends(allow(*EDITORS)),
    deps: Deps = Depends(get_deps),
) -> dict[str, Any]:
    """All rows or none: any bad row is a 422 naming its row and column."""
    try:
        done = await import_directory(deps, csv_text)
    except DirectoryRefused as refused:
        raise invalid(*refused.problems) from refused
    return recorded(response, done.published, teams_changed=done.teams_changed,
                    staff_changed=done.staff_changed, rows=done.rows)


@router.put("/teams/{team_id}", responses=PENDING_RESPONSE)
async def put_team(team_id: str, team: TeamRecord, response: Response,
                   _: Principal = Depends(allow(*EDITORS)),
                   deps: Deps = Depends(get_deps)) -> dict[str, Any]:
    if team.team_id != team_id:
        raise invalid((["team_id"], "must match the address"))
    outcome = await save_team(deps, team)
    return recorded(response, outcome is not False, team_id=team_id, changed=outcome is not None)


@router.put("/staff/{person_id}", responses=PENDING_RESPONSE)
async def put_person(person_id: str, person: StaffRecord, response: Response,
                     _: Principal = Depends(allow(*EDITORS)),
                     deps: Deps = Depends(get_deps)) -> dict[str, Any]:
    if person.person_id != person_id:
        raise invalid((["person_id"], "must match the address"))
    try:
        outcome = await save_person(deps, person)
    except DirectoryRefused as refused:
        raise invalid(*refused.problems) from refused
    return recorded(response, outcome is not False, person_id=person_id,
                    changed=outcome is not None)


@router.get("/staff")
async def list_staff(team_id: str | None = None,
                     audit_group: Annotated[int | None, Query(ge=1, le=3)] = None,
                     _: Principal = Depends(allow(*READERS)),
                     deps: Deps = Depends(get_deps)) -> list[dict[str, Any]]:
    return await staff_listed(deps, team_id=team_id, audit_group=audit_group)


@router.get("/staff/{person_id}")
async def get_person(person_id: str, _: Principal = Depends(allow(*READERS)),
                     deps: Deps = Depends(get_deps)) -> dict[str, Any]:
    person = await find_person(deps, person_id)
    if person is None:
        raise not_found(f"person {person_id}")
    return person


@router.get("/teams")
async def list_teams(_: Principal = Depends(allow(*READERS)),
                     deps: Deps = Depends(get_deps)) -> list[dict[str, Any]]:
    return await teams_listed(deps)
