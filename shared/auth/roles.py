"""The platform's roles (the architecture's role list), as carried in a token's `roles` claim."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum


class Role(StrEnum):
    AUDITOR = "auditor"
    MODERATOR = "moderator"
    TEAM_MANAGER = "team_manager"
    HEAD_OF_SERVICE = "head_of_service"
    HEAD_OF_QUALITY = "head_of_quality"
    PRINCIPAL_SOCIAL_WORKER = "principal_social_worker"
    PRACTICE_LEARNING_TEAM = "practice_learning_team"
    PERFORMANCE_TEAM = "performance_team"
    DIRECTOR = "director"
    ASSISTANT_DIRECTOR = "assistant_director"
    LEAD_MEMBER = "lead_member"  # the councillor responsible for children's services
    CONSULTANT_SOCIAL_WORKER = "consultant_social_worker"
    SOCIAL_WORKER = "social_worker"
    INTEGRATION = "integration"
    ADMIN = "admin"
    # Answers the council's data protection duties: subject access, erasure, legal holds,
    # retention and the access log (services/data_protection).
    DATA_PROTECTION_OFFICER = "data_protection_officer"
    # A guest of one meeting (student, partner, foster carer): learning lets them open that
    # meeting's pack only; no other service names this role in what it allows.
    GUEST = "guest"


# Everyone who works here (and the systems that call in): what a home page or a person's own
# alerts allow. Not a meeting's guest, who may open that meeting's pack and nothing else.
EVERYONE = tuple(role for role in Role if role is not Role.GUEST)


@dataclass(frozen=True)
class Principal:
    subject: str
    roles: frozenset[Role] = field(default_factory=frozenset)
    team_id: str | None = None

    def has_any(self, roles: frozenset[Role]) -> bool:
        return bool(self.roles & roles)
