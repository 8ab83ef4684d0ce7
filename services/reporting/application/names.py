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
