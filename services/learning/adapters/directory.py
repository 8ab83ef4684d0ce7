"""Learning's projection of the staff directory (shared/directory.py): each person's team,
line manager and audit group, each team's head of service and the day learning first saw it."""

from __future__ import annotations

from datetime import date
from typing import Any

from schemas.directory import TeamUpserted
from shared import directory
from shared.directory import PEOPLE, TEAMS, DirectoryProjection
from shared.store import IndexSpec, ascending

__all__ = ["INDEXES", "PEOPLE", "TEAMS", "Directory"]

INDEXES = [*directory.INDEXES, IndexSpec(TEAMS, ascending("active", "name")),
           IndexSpec(PEOPLE, ascending("team_id"))]


class Directory(DirectoryProjection):
    async def record_team_seen(self, event: TeamUpserted, *, seen_on: date) -> bool:
        """True if the team is new to learning (its clinic schedule starts from `seen_on`)."""
        return await self.record_team(event, on_insert={"known_since": seen_on.isoformat()})

    async def active_teams(self) -> list[dict[str, Any]]:
        return await self.teams.find({"active": True}).sort("name").to_list(None)

    async def reporting_to(self, manager_id: str) -> list[dict[str, Any]]:
        """People whose line manager is `manager_id`."""
        return await self.people.find({"line_manager_id": manager_id}).to_list(500)

    async def without_line_manager(self, head_of_service_id: str) -> list[dict[str, Any]]:
        """People with no line manager in the teams `head_of_service_id` heads: the head of
        service supervises them (a team manager, usually)."""
        team_ids = sorted(await self.service_teams(head_of_service_id))
        if not team_ids:
            return []
        return await self.people.find({"team_id": {"$in": team_ids},
                                       "line_manager_id": None}).to_list(500)
