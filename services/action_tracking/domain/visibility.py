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

    def sees(self, alert: dict[str, Any]) -> bool:
        if self.roles & SEES_ALL:
            return True
        if self.person_id in (alert.get("owner_id"), alert.get("escalated_to")):
            return True
        return alert.get("team_id") in self.teams

    def team_query(self, **also: Any) -> dict[str, Any]:
        """The same rule as a store query; `also` is repeated inside each branch of the $or,
        so each branch is one index range (an $or beside another condition is not split)."""
        if self.roles & SEES_ALL:
            return also
        return {"$or": [{"owner_id": self.person_id, **also},
                        {"escalated_to": self.person_id, **also},
                        {"team_id": {"$in": sorted(self.teams)}, **also}]}
