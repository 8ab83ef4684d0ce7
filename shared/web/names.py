"""Names instead of ids on pages (issue 11): people and teams are shown by the names the
staff directory gives them, ids stay in URLs and APIs.

Each service that shows people or teams keeps its own projection of qa.directory and wires a
loader of {id: name} (`DirectoryNames`) with `show_names(app, load)`. The loader runs once per
page request (a request that asks for HTML) and the names are kept for that request only, in
a context variable that the templates' `person`, `people` and `team` filters read. Names are
personal data of staff: they are never logged (nothing here logs).
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Iterable, Mapping
from contextvars import ContextVar
from dataclasses import dataclass, field
from typing import Any

from ..store import unavailable


@dataclass(frozen=True)
class DirectoryNames:
    people: Mapping[str, str] = field(default_factory=dict)
    teams: Mapping[str, str] = field(default_factory=dict)


_NAMES: ContextVar[DirectoryNames] = ContextVar("directory_names", default=DirectoryNames())


def person(person_id: Any) -> Any:
    """The person's display name, or the id itself when the directory does not know it."""
    return _NAMES.get().people.get(person_id, person_id) if person_id else person_id


def people(person_ids: Iterable[Any] | None, separator: str = ", ") -> str:
    return separator.join(str(person(p)) for p in person_ids or [])


def team(team_id: Any) -> Any:
    return _NAMES.get().teams.get(team_id, team_id) if team_id else team_id


FILTERS: dict[str, Callable[..., Any]] = {"person": person, "people": people, "team": team}

NamesLoader = Callable[[], Awaitable[DirectoryNames]]


def show_names(app: Any, load: NamesLoader) -> None:
    """The directory's names for each request that asks for a page (Accept: text/html). A
    store that cannot be reached leaves ids on the page (no 500 from here): the page's own
    reads then answer 503."""

    async def current() -> DirectoryNames:
        try:
            return await load()
        except Exception as error:  # noqa: BLE001 - only an unreachable store is tolerated
            if not unavailable(error):
                raise
            return DirectoryNames()

    @app.middleware("http")
    async def with_names(request: Any, call_next: Callable[[Any], Awaitable[Any]]) -> Any:
        if "text/html" not in request.headers.get("accept", ""):
            return await call_next(request)
        token = _NAMES.set(await current())
        try:
            return await call_next(request)
        finally:
            _NAMES.reset(token)


def names_from(people_rows: Iterable[Mapping[str, Any]],
                     team_rows: Iterable[Mapping[str, Any]], *,
                     person_field: str = "display_name",
                     team_field: str = "name") -> DirectoryNames:
    """DirectoryNames from directory documents ({_id, display_name} and {_id, name})."""
    return DirectoryNames(
        people={p["_id"]: p[person_field] for p in people_rows if p.get(person_field)},
        teams={t["_id"]: t[team_field] for t in team_rows if t.get(team_field)})
