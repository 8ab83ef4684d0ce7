"""The staff directory: import from CSV, edit one team or person, read; changes are events."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Body, Depends, Request, Response

from schemas.directory import StaffMemberUpserted, TeamUpserted
from shared.auth import Principal, Role, allow
from shared.http import PENDING_RESPONSE, current_correlation_id

from ...domain.directory import StaffRecord, TeamRecord, changed, parse_staff_csv
from ...domain.directory import unknown_references
from .answers import READERS, deps, invalid, not_found, recorded

router = APIRouter(prefix="/directory", tags=["directory"])
EDITORS = (Role.ADMIN, Role.HEAD_OF_QUALITY)
CSV_EXAMPLE = ("person_id,display_name,team_id,team_name,job_role,line_manager_id,audit_group,"
               "asye,roles\ntm-001,Test Manager,team-a,Fictional Team A,Team manager,,1,no,"
               "auditor team_manager\nsw-001,Test Worker,team-a,,Social worker,tm-001,,yes,\n")


@router.post("/import", responses=PENDING_RESPONSE)
async def import_csv(
    request: Request, response: Response,
    csv_text: Annotated[str, Body(media_type="text/csv", examples=[CSV_EXAMPLE])],
    _: Principal = Depends(allow(*EDITORS)),
) -> dict[str, Any]:
    """All rows or none: any bad row is a 422 naming its row and column."""
    staff, teams, problems = parse_staff_csv(csv_text)
    if not problems:
        d = deps(request)
        known_people = {p["_id"] for p in await d.staff.find({}, limit=100_000)}
        known_teams = {t.team_id for t in teams} | {
            t["_id"] for t in await d.teams.find({}, limit=100_000)}
        problems = unknown_references(staff, known_people=known_people, known_teams=known_teams)
    if problems:
        raise invalid(*((p["loc"], p["msg"]) for p in problems))
    published, counts = True, {"teams_changed": 0, "staff_changed": 0}
    for team in teams:
        outcome = await _save(deps(request).teams, team, TeamUpserted, team.team_id)
        counts["teams_changed"] += outcome is not None
        published &= outcome is not False
    for person in staff:
        outcome = await _save(deps(request).staff, person, StaffMemberUpserted, person.person_id)
        counts["staff_changed"] += outcome is not None
        published &= outcome is not False
    return recorded(response, published, **counts, rows=len(staff))


@router.put("/teams/{team_id}", responses=PENDING_RESPONSE)
async def put_team(team_id: str, team: TeamRecord, request: Request, response: Response,
                   _: Principal = Depends(allow(*EDITORS))) -> dict[str, Any]:
    if team.team_id != team_id:
        raise invalid((["team_id"], "must match the address"))
    outcome = await _save(deps(request).teams, team, TeamUpserted, team_id)
    return recorded(response, outcome is not False, team_id=team_id, changed=outcome is not None)


@router.put("/staff/{person_id}", responses=PENDING_RESPONSE)
async def put_person(person_id: str, person: StaffRecord, request: Request, response: Response,
                     _: Principal = Depends(allow(*EDITORS))) -> dict[str, Any]:
    d = deps(request)
    if person.person_id != person_id:
        raise invalid((["person_id"], "must match the address"))
    if await d.teams.get(person.team_id) is None:
        raise invalid((["team_id"], f"team {person.team_id} is not in the directory"))
    if person.line_manager_id and await d.staff.get(person.line_manager_id) is None:
        raise invalid((["line_manager_id"], f"{person.line_manager_id} is not in the directory"))
    outcome = await _save(d.staff, person, StaffMemberUpserted, person_id)
    return recorded(response, outcome is not False, person_id=person_id,
                    changed=outcome is not None)


@router.get("/staff")
async def list_staff(request: Request, team_id: str | None = None, audit_group: int | None = None,
                     _: Principal = Depends(allow(*READERS))) -> list[dict[str, Any]]:
    query = {k: v for k, v in {"team_id": team_id, "audit_group": audit_group}.items() if v}
    return await deps(request).staff.find(query, limit=10_000)


@router.get("/staff/{person_id}")
async def get_person(person_id: str, request: Request,
                     _: Principal = Depends(allow(*READERS))) -> dict[str, Any]:
    person = await deps(request).staff.get(person_id)
    if person is None:
        raise not_found(f"person {person_id}")
    return person


@router.get("/teams")
async def list_teams(request: Request,
                     _: Principal = Depends(allow(*READERS))) -> list[dict[str, Any]]:
    return await deps(request).teams.find({}, limit=10_000)


async def _save(aggregates, record, event, key: str) -> bool | None:
    """None when nothing changed (no event); else whether the event reached the broker."""
    existing = await aggregates.get(key)
    if not changed(existing, record):
        return None
    revision = (existing or {}).get("revision", 0) + 1
    fields = record.model_dump(mode="json") | {"revision": revision}
    fact = event(**fields)
    if existing is None:
        return await aggregates.create({"_id": key, **fields}, [fact],
                                       correlation_id=current_correlation_id())
    return await aggregates.change(existing, fields, [fact], correlation_id=current_correlation_id())
