"""Who sees which alert and which action: a person their own and their team's, managers
their reports' teams too, heads of service their service's, the head of quality, directors
and admins everything. Actions (whose descriptions are personal data) are seen by the same
rule, except that the principal social worker and the practice learning team, whose work is
the whole council's practice, see every action too (issue 18, defect 8: any social worker,
even with no team, listed every team's actions)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from shared.auth.roles import Role

SEES_ALL = frozenset({Role.HEAD_OF_QUALITY, Role.DIRECTOR, Role.ADMIN})
SEES_ALL_ACTIONS = SEES_ALL | {Role.PRINCIPAL_SOCIAL_WORKER, Role.PRACTICE_LEARNING_TEAM}


@dataclass(frozen=True)
class Viewer:
    person_id: str
    roles: frozenset[Role]
    teams: frozenset[str] = field(default_factory=frozenset)  # managed, or in their service

    @property
    def sees_all(self) -> bool:
        return bool(self.roles & SEES_ALL)

    @property
    def sees_all_actions(self) -> bool:
        return bool(self.roles & SEES_ALL_ACTIONS)

    def sees_action(self, action: dict[str, Any]) -> bool:
        return self.sees_all_actions or self.sees(action)

    def sees(self, alert: dict[str, Any]) -> bool:
        """The rule; adapters/visibility.py asks the store the same question."""
        if self.sees_all:
            return True
        if self.person_id in (alert.get("owner_id"), alert.get("escalated_to")):
            return True
        return alert.get("team_id") in self.teams
