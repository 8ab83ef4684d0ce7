"""Who may call which route (the API and the pages share these)."""

from __future__ import annotations

from shared.auth import EVERYONE as EVERYONE  # home pages, one's own things: never a guest
from shared.auth import Role

READERS = (Role.TEAM_MANAGER, Role.HEAD_OF_SERVICE, Role.HEAD_OF_QUALITY, Role.AUDITOR,
           Role.SOCIAL_WORKER, Role.PRINCIPAL_SOCIAL_WORKER, Role.PRACTICE_LEARNING_TEAM,
           Role.DIRECTOR)
RAISERS = (Role.TEAM_MANAGER, Role.HEAD_OF_SERVICE, Role.HEAD_OF_QUALITY, Role.AUDITOR,
           Role.MODERATOR, Role.PRINCIPAL_SOCIAL_WORKER, Role.PRACTICE_LEARNING_TEAM,
           Role.PERFORMANCE_TEAM, Role.DIRECTOR)
WORKERS = (Role.SOCIAL_WORKER, Role.TEAM_MANAGER, Role.HEAD_OF_SERVICE, Role.HEAD_OF_QUALITY,
           Role.AUDITOR, Role.PRINCIPAL_SOCIAL_WORKER, Role.PRACTICE_LEARNING_TEAM)
MANAGERS = (Role.TEAM_MANAGER, Role.HEAD_OF_SERVICE, Role.HEAD_OF_QUALITY)
CONFIRMERS = (Role.TEAM_MANAGER, Role.HEAD_OF_SERVICE)
WEBHOOK_ADMINS = (Role.ADMIN, Role.INTEGRATION, Role.HEAD_OF_QUALITY)
