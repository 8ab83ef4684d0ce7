"""Who may read a child's Safety Link statement, and whether with the case reference (pure).

The statement is opened from the urgent alert and action it raised, which the child's team's
duty manager or team manager owns (or the head of service, once escalated). So the readers
are the managers of the child's team (a duty manager signs in as a team manager), the head
of service over that team, and the council-wide roles that may read children's words (the
settings' `text_roles`). The case reference, which identifies the child, goes to those who act
on the statement and to the head of quality, the principal social worker and admins; the
practice learning team reads the words without it."""

from __future__ import annotations

from dataclasses import dataclass

from shared.auth.roles import Role

TEAM_READERS = (Role.TEAM_MANAGER, Role.HEAD_OF_SERVICE)
CASE_REFERENCE_ROLES = frozenset({Role.HEAD_OF_QUALITY, Role.PRINCIPAL_SOCIAL_WORKER,
                                  Role.ADMIN})


@dataclass(frozen=True)
class Reader:
    roles: frozenset[str]
    council_wide_roles: frozenset[str]  # settings.text_roles
    managed_teams: frozenset[str] = frozenset()  # as a team manager: own team, reports' teams
    service_teams: frozenset[str] = frozenset()  # as a head of service


@dataclass(frozen=True)
class Access:
    allowed: bool
    case_reference: bool = False
    reason: str = ""


def statement_access(reader: Reader, team_id: str | None, *, team_name: str) -> Access:
    """`team_name`: the child's team as people know it, for the refusal's words."""
    acts_for_team = bool(team_id) and (
        (Role.TEAM_MANAGER in reader.roles and team_id in reader.managed_teams)
        or (Role.HEAD_OF_SERVICE in reader.roles and team_id in reader.service_teams))
    council_wide = bool(reader.roles & reader.council_wide_roles)
    if acts_for_team:
        return Access(True, case_reference=True)
    if council_wide:
        return Access(True, case_reference=bool(reader.roles & CASE_REFERENCE_ROLES))
    return Access(False, reason=(
        f"This statement is from a child in {team_name}. Only that team's managers (the duty "
        "manager or team manager) and its head of service may read it, with the head of "
        "quality, the principal social worker and the practice learning team."
        if team_id else "This statement has no team, so only the head of quality, the "
        "principal social worker and the practice learning team may read it."))
