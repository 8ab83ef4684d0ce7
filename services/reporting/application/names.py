"""The directory's names (staff_facts, team_facts), for pages, exports and PDFs: people and
teams shown by name (ids stay in URLs and the JSON APIs keep them beside the names)."""

from __future__ import annotations

from typing import Any

from shared.web.names import DirectoryNames, names_from

from .deps import Deps


async def directory_names(deps: Deps) -> DirectoryNames:
    return names_from(*await deps.reports.names())


def name_rows(found: DirectoryNames, rows: list[dict[str, Any]], *,
              people: tuple[str, ...] = (), teams: tuple[str, ...] = ()) -> None:
    """Each row gets `<field>_name` beside each person or team id field the directory knows
    (the id itself when it does not)."""
    for row in rows:
        for field in people:
            row[field.removesuffix("_id") + "_name"] = found.people.get(row.get(field),
                                                                        row.get(field))
        for field in teams:
            row[field.removesuffix("_id") + "_name"] = found.teams.get(row.get(field),
                                                                       row.get(field))


# Fields of the drill-down facts that hold a person's id (one, or a list), for exports.
PERSON_FIELDS = ("auditor_id", "moderator_id", "social_worker_id", "line_manager_id",
                 "owner_id", "observer_id", "worker_id", "head_of_service_id")
PEOPLE_FIELDS = ("auditor_ids",)


def names_beside_ids(found: DirectoryNames, rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Each row with a name column right after each person or team id column it has
    (`team_name` after `team_id`, `auditor_names` after `auditor_ids`): the ids stay for
    joining, the names are what people read. An id the directory does not know is its
    own name."""
    def named(row: dict[str, Any]) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for key, value in row.items():
            out[key] = value
            if key == "team_id":
                out["team_name"] = found.teams.get(value, value)
            elif key in PERSON_FIELDS:
                out[key.removesuffix("_id") + "_name"] = found.people.get(value, value)
            elif key in PEOPLE_FIELDS:
                out[key.removesuffix("_ids") + "_names"] = [found.people.get(v, v)
                                                            for v in value or []]
        return out

    return [named(row) for row in rows]
