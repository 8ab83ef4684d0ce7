"""Action tracking's projection of the staff directory (shared/directory.py), with the
queries that find an action's owners, managers and heads of service."""

from __future__ import annotations

from typing import Any

from shared import directory
from shared.directory import PEOPLE, TEAMS, DirectoryProjection
from shared.store import IndexSpec, ascending

__all__ = ["INDEXES", "PEOPLE", "TEAMS", "Directory"]

INDEXES = [*directory.INDEXES, IndexSpec(PEOPLE, ascending("team_id"))]


class Directory(DirectoryProjection):
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

    async def active_people_in(self, team_ids: set[str]) -> list[dict[str, Any]]:
        """Active people of these teams, by name: whom an action can be given to."""
        cursor = self.people.find({"team_id": {"$in": sorted(team_ids)}},
                                  {"display_name": 1, "team_id": 1, "active": 1})
        people = [p async for p in cursor.limit(2000) if p.get("active", True)]
        return sorted(people, key=lambda p: (p.get("display_name") or p["_id"]).lower())
