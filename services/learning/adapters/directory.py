"""A local projection of the staff directory (qa.directory): each person's team, line
manager and audit group, each team's head of service and the day learning first saw it.
Only a newer revision replaces a record; no names are kept."""

from __future__ import annotations

from datetime import date
from typing import Any

from pymongo.errors import DuplicateKeyError

from shared.store import IndexSpec, Store, ascending

PEOPLE = "people"
TEAMS = "teams"
INDEXES = [IndexSpec(TEAMS, ascending("active", "name"))]


class Directory:
    def __init__(self, store: Store) -> None:
        self.people = store.db[PEOPLE]
        self.teams = store.db[TEAMS]

    async def upsert_person(self, person_id: str, record: dict[str, Any]) -> None:
        await _upsert_newer(self.people, person_id, record, {})

    async def upsert_team(self, team_id: str, record: dict[str, Any], *, seen_on: date) -> bool:
        """True if the team is new to learning."""
        return await _upsert_newer(self.teams, team_id, record,
                                   {"known_since": seen_on.isoformat()})

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

    async def active_teams(self) -> list[dict[str, Any]]:
        return await self.teams.find({"active": True}).sort("name").to_list(None)


async def _upsert_newer(target: Any, key: str, record: dict[str, Any],
                        on_insert: dict[str, Any]) -> bool:
    revision = record.get("revision", 1)
    # Replace only an older revision; a first sighting inserts. A duplicate key error
    # means this or a newer revision is already stored: nothing to do.
    update: dict[str, Any] = {"$set": record}
    if on_insert:
        update["$setOnInsert"] = on_insert
    try:
        result = await target.update_one({"_id": key, "revision": {"$lt": revision}}, update,
                                         upsert=True)
    except DuplicateKeyError:
        return False
    return result.upserted_id is not None
