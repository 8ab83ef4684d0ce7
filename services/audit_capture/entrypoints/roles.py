"""Who may call which route (the API and the pages share these)."""

from __future__ import annotations

from shared.auth import EVERYONE as EVERYONE  # home pages, one's own things: never a guest
from shared.auth import Role

READERS = (Role.AUDITOR, Role.MODERATOR, Role.HEAD_OF_QUALITY, Role.TEAM_MANAGER,
           Role.HEAD_OF_SERVICE, Role.PRINCIPAL_SOCIAL_WORKER, Role.PRACTICE_LEARNING_TEAM,
           Role.PERFORMANCE_TEAM, Role.DIRECTOR)
PLANNERS = (Role.HEAD_OF_QUALITY, Role.ADMIN)
AUDITORS = (Role.AUDITOR, Role.HEAD_OF_QUALITY)
MODERATORS = (Role.MODERATOR, Role.PRINCIPAL_SOCIAL_WORKER, Role.HEAD_OF_QUALITY)
SIGNERS = (Role.HEAD_OF_QUALITY, Role.PRINCIPAL_SOCIAL_WORKER)
EDITORS = (Role.ADMIN, Role.HEAD_OF_QUALITY)  # of the directory
# Social workers read the audits of their own cases once the results are shared with them,
# and their own observations (application/audits.py, observations.py).
WORKERS = (Role.SOCIAL_WORKER, Role.CONSULTANT_SOCIAL_WORKER)
# The framework's staff observation: team managers (or deputies and senior practitioners)
# observe their workers; the auditing process makes sure every member of staff has a
# practice visit observed and every manager an observed supervision (the head of quality's
# programme, done by the audit groups' auditors); the practice learning team has "a key role
# in ... observations of practice". PSWs and heads of service observe too.
PRACTICE_OBSERVERS = (Role.TEAM_MANAGER, Role.PRINCIPAL_SOCIAL_WORKER, Role.HEAD_OF_SERVICE,
                      Role.HEAD_OF_QUALITY, Role.PRACTICE_LEARNING_TEAM, Role.AUDITOR)
MEETING_OBSERVERS = (Role.HEAD_OF_SERVICE, Role.DIRECTOR)
CHAIRS = (Role.AUDITOR, Role.HEAD_OF_QUALITY)  # IROs and CP chairs sit in the audit groups
