"""A service's own projection of the staff directory (qa.directory), kept once here for every
service that reads it: who exists, their team, line manager, roles and display name, and each
team's name and head of service. Only a newer revision replaces a record. A service adds its
own named queries by subclassing (action tracking's managers, learning's active teams)."""

from __future__ import annotations

from typing import Any

from pymongo.errors import DuplicateKeyError

from schemas.directory import StaffMemberUpserted, TeamUpserted

from .store import IndexSpec, Store, ascending
from .web.names import DirectoryNames, names_from

PEOPLE = "people"
TEAMS = "teams"
PERSON_FIELDS = {"team_id", "job_role", "line_manager_id", "audit_group", "active", "roles",
                 "revision", "display_name"}
TEAM_FIELDS = {"name", "service_area", "head_of_service_id", "active", "revision"}
INDEXES = [IndexSpec(PEOPLE, ascending("line_manager_id")),
           IndexSpec(TEAMS, ascending("head_of_service_id"))]


class DirectoryProjection:
    def __init__(self, store: Store) -> None:
        self.people = store.db[PEOPLE]
        self.teams = store.db[TEAMS]

    async def record_person(self, event: StaffMemberUpserted) -> None:
        await upsert_newer(self.people, event.person_id,
                           event.model_dump(mode="json", include=PERSON_FIELDS))

    async def record_team(self, event: TeamUpserted, *,
                          on_insert: dict[str, Any] | None = None) -> bool:
        """True if the team is new to this service (`on_insert` is kept only then)."""
        return await upsert_newer(self.teams, event.team_id,
                                  event.model_dump(mode="json", include=TEAM_FIELDS),
                                  on_insert=on_insert)

    async def names(self) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
        """Everyone's display name and every team's name, for pages."""
        return (await self.people.find({}, {"display_name": 1}).to_list(None),
                await self.teams.find({}, {"name": 1}).to_list(None))

    async def directory_names(self) -> DirectoryNames:
        """What a page's `person`, `people` and `team` filters read (shared/web/names.py)."""
        return names_from(*await self.names())

    async def person(self, person_id: str) -> dict[str, Any] | None:
        return await self.people.find_one({"_id": person_id})

    async def active_person(self, person_id: str) -> dict[str, Any] | None:
        person = await self.person(person_id)
        return person if person and person.get("active", True) else None

    async def team(self, team_id: str | None) -> dict[str, Any] | None:
        return await self.teams.find_one({"_id": team_id}) if team_id else None

    async def people_named(self, person_ids: set[str]) -> dict[str, str]:
        """{id: display name} of those of `person_ids` in the directory (by _id)."""
        cursor = self.people.find({"_id": {"$in": sorted(person_ids)}}, {"display_name": 1})
        return {p["_id"]: p.get("display_name") or p["_id"] async for p in cursor}

    async def teams_named(self, team_ids: set[str]) -> dict[str, str]:
        cursor = self.teams.find({"_id": {"$in": sorted(team_ids)}}, {"name": 1})
        return {t["_id"]: t.get("name") or t["_id"] async for t in cursor}

    async def service_teams(self, head_of_service_id: str) -> set[str]:
        cursor = self.teams.find({"head_of_service_id": head_of_service_id}, {"_id": 1})
        return {team["_id"] async for team in cursor}

    async def managed_teams(self, manager_id: str) -> set[str]:
        """The manager's own team and the teams of those they line-manage."""
        teams = set()
        manager = await self.person(manager_id)
        if manager:
            teams.add(manager["team_id"])
        async for report in self.people.find({"line_manager_id": manager_id}, {"team_id": 1}):
            teams.add(report["team_id"])
        return teams


async def upsert_newer(target: Any, key: str, record: dict[str, Any], *,
                       on_insert: dict[str, Any] | None = None) -> bool:
    """True if `record` was inserted as new. Replaces only an older revision; a first
    sighting inserts. A duplicate key error means this or a newer revision is already
    stored: nothing to do."""
    update: dict[str, Any] = {"$set": record}
    if on_insert:
        update["$setOnInsert"] = on_insert
    try:
        result = await target.update_one(
            {"_id": key, "revision": {"$lt": record.get("revision", 1)}}, update, upsert=True)
    except DuplicateKeyError:
        return False
    return result.upserted_id is not None
