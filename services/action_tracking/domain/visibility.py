"""Who sees which alert: a person their own, managers their team's, heads of service their
service's, the head of quality and directors everything."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from shared.auth.roles import Role

SEES_ALL = frozenset({Role.HEAD_OF_QUALITY, Role.DIRECTOR, Role.ADMIN})


@dataclass(frozen=True)
class Viewer:
    person_id: str
    roles: frozenset[Role]
    teams: frozenset[str] = field(default_factory=frozenset)  # managed, or in their service

    @property
    def sees_all(self) -> bool:
        return bool(self.roles & SEES_ALL)

    def sees(self, alert: dict[str, Any]) -> bool:
        """The rule; adapters/visibility.py asks the store the same question."""
        if self.sees_all:
            return True
        if self.person_id in (alert.get("owner_id"), alert.get("escalated_to")):
            return True
        return alert.get("team_id") in self.teams
