"""A local projection of the staff directory (qa.directory): who exists, their team and
line manager, and each team's head of service. Only a newer revision replaces a record."""

from __future__ import annotations

from typing import Any

from pymongo.errors import DuplicateKeyError

from shared.store import IndexSpec, Store, ascending

PEOPLE = "people"
TEAMS = "teams"
INDEXES = [IndexSpec(PEOPLE, ascending("line_manager_id")),
           IndexSpec(PEOPLE, ascending("team_id")),
           IndexSpec(TEAMS, ascending("head_of_service_id"))]


class Directory:
    def __init__(self, store: Store) -> None:
        self.people = store.db[PEOPLE]
        self.teams = store.db[TEAMS]

    async def upsert_person(self, person_id: str, record: dict[str, Any]) -> None:
        await _upsert_newer(self.people, person_id, record)

    async def upsert_team(self, team_id: str, record: dict[str, Any]) -> None:
        await _upsert_newer(self.teams, team_id, record)

    async def names(self) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
        """Everyone's display name and every team's name, for pages."""
        return (await self.people.find({}, {"display_name": 1}).to_list(None),
                await self.teams.find({}, {"name": 1}).to_list(None))

    async def person(self, person_id: str) -> dict[str, Any] | None:
        return await self.people.find_one({"_id": person_id})

    async def active_person(self, person_id: str) -> dict[str, Any] | None:
        person = await self.person(person_id)
        return person if person and person.get("active", True) else None

    async def team(self, team_id: str | None) -> dict[str, Any] | None:
        return await self.teams.find_one({"_id": team_id}) if team_id else None

    async def manages(self, manager_id: str, person_id: str, team_id: str | None) -> bool:
        """Line manager of the person, or a team manager of the action's team."""
        person = await self.person(person_id)
        if person and person.get("line_manager_id") == manager_id:
            return True
        manager = await self.person(manager_id)
        return bool(manager and team_id and manager.get("team_id") == team_id)

    async def team_people(self, team_id: str) -> list[dict[str, Any]]:
        """Everyone recorded in a team (by the team_id index), to find its managers."""
        return await self.people.find({"team_id": team_id}).limit(1000).to_list(None)

    async def people_named(self, person_ids: set[str]) -> dict[str, str]:
        """{id: display name} of those of `person_ids` in the directory (by _id)."""
        cursor = self.people.find({"_id": {"$in": sorted(person_ids)}}, {"display_name": 1})
        return {p["_id"]: p.get("display_name") or p["_id"] async for p in cursor}

    async def teams_named(self, team_ids: set[str]) -> dict[str, str]:
        cursor = self.teams.find({"_id": {"$in": sorted(team_ids)}}, {"name": 1})
        return {t["_id"]: t.get("name") or t["_id"] async for t in cursor}

    async def active_people_in(self, team_ids: set[str]) -> list[dict[str, Any]]:
        """Active people of these teams, by name: whom an action can be given to."""
        cursor = self.people.find({"team_id": {"$in": sorted(team_ids)}},
                                  {"display_name": 1, "team_id": 1, "active": 1})
        people = [p async for p in cursor.limit(2000) if p.get("active", True)]
        return sorted(people, key=lambda p: (p.get("display_name") or p["_id"]).lower())

    async def service_teams(self, head_of_service_id: str) -> set[str]:
        cursor = self.teams.find({"head_of_service_id": head_of_service_id}, {"_id": 1})
        return {team["_id"] async for team in cursor}

    async def managed_teams(self, manager_id: str) -> set[str]:
        teams = set()
        manager = await self.person(manager_id)
        if manager:
            teams.add(manager["team_id"])
        async for report in self.people.find({"line_manager_id": manager_id}, {"team_id": 1}):
            teams.add(report["team_id"])
        return teams


async def _upsert_newer(target: Any, key: str, record: dict[str, Any]) -> None:
    revision = record.get("revision", 1)
    # Replace only an older revision; a first sighting inserts. A duplicate key error
    # means this or a newer revision is already stored: nothing to do.
    try:
        await target.update_one({"_id": key, "revision": {"$lt": revision}},
                                {"$set": record}, upsert=True)
    except DuplicateKeyError:
        pass
