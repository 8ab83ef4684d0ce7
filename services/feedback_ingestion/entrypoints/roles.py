"""Who may do what, for the JSON routes and the pages alike."""

from __future__ import annotations

from shared.auth import Role

PUSHERS = (Role.INTEGRATION, Role.ADMIN)  # systems sending items and complaints
READERS = (Role.HEAD_OF_QUALITY, Role.PRINCIPAL_SOCIAL_WORKER, Role.PRACTICE_LEARNING_TEAM,
           Role.PERFORMANCE_TEAM, Role.INTEGRATION, Role.ADMIN)
IMPORTERS = (Role.HEAD_OF_QUALITY, Role.PERFORMANCE_TEAM, Role.INTEGRATION, Role.ADMIN)
FIXERS = (Role.HEAD_OF_QUALITY, Role.PRACTICE_LEARNING_TEAM, Role.INTEGRATION, Role.ADMIN)
COUNTERS = (*FIXERS, Role.PERFORMANCE_TEAM, Role.PRINCIPAL_SOCIAL_WORKER)
# A child's Safety Link statement: the child's team's managers and head of service (which
# team is checked against the directory: domain/statements.py) and those who read free text.
STATEMENT_READERS = (Role.TEAM_MANAGER, Role.HEAD_OF_SERVICE, Role.HEAD_OF_QUALITY,
                     Role.PRINCIPAL_SOCIAL_WORKER, Role.PRACTICE_LEARNING_TEAM, Role.ADMIN)
