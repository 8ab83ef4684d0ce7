"""A child's Safety Link statement as its readers see it (domain/statements.py says who):
what the child said, when, which team (by name), and the case reference only to those who
may see it."""

from __future__ import annotations

from typing import Any

from shared.auth import Principal, Role

from ..domain.statements import Access, Reader, statement_access
from .deps import Deps


class NoStatement(Exception):
    """No Safety Link statement has this id (other items are read through the JSON API)."""


class NotYourStatement(Exception):
    def __init__(self, access: Access) -> None:
        super().__init__(access.reason)


async def safety_link_statement(deps: Deps, who: Principal, item_id: str) -> dict[str, Any]:
    item = await deps.items.get(item_id)
    if item is None or item.get("source") != "momo" or not item.get("safety_link"):
        raise NoStatement(f"no Safety Link statement {item_id}")
    team_id = item.get("team_id")
    team = await deps.directory.team(team_id) or {}
    access = statement_access(await _reader(deps, who), team_id,
                              team_name=team.get("name") or "another team")
    if not access.allowed:
        raise NotYourStatement(access)
    shown = {k: item.get(k) for k in ("received_on", "app", "statement_kind", "feelings",
                                      "themes", "text", "team_id")}
    return shown | {"team_name": team.get("name") or team_id,
                    "case_ref": item.get("case_ref") if access.case_reference else None,
                    "case_ref_withheld": not access.case_reference,
                    # whose words they are, for the access log, even when the page withholds it
                    "about_case_ref": item.get("case_ref")}


async def _reader(deps: Deps, who: Principal) -> Reader:
    managed: set[str] = set()
    if Role.TEAM_MANAGER in who.roles:
        managed = await deps.directory.managed_teams(who.subject)
        managed |= {who.team_id} if who.team_id else set()
    service = (await deps.directory.service_teams(who.subject)
               if Role.HEAD_OF_SERVICE in who.roles else set())
    return Reader(roles=frozenset(str(r) for r in who.roles),
                  council_wide_roles=frozenset(deps.settings.text_roles),
                  managed_teams=frozenset(managed), service_teams=frozenset(service))
