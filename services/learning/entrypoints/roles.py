"""Who may call which route (the API and the pages share these). Guests appear only where
they may open their own meeting's pack; the person-level rules (the chair signs off, a
member of each audit group signs the findings) are the application's."""

from __future__ import annotations

from shared.auth import Role

STAFF = tuple(r for r in Role if r not in (Role.GUEST, Role.INTEGRATION))
READERS = (*STAFF, Role.INTEGRATION)
ORGANISERS = (Role.HEAD_OF_QUALITY, Role.TEAM_MANAGER, Role.HEAD_OF_SERVICE,
              Role.PRINCIPAL_SOCIAL_WORKER, Role.CONSULTANT_SOCIAL_WORKER,
              Role.PERFORMANCE_TEAM, Role.DIRECTOR, Role.ASSISTANT_DIRECTOR)
CHAIRS = ORGANISERS  # and then only the meeting's own chair
PACK_READERS = (*READERS, Role.GUEST)
SUPPORT_READERS = (Role.TEAM_MANAGER, Role.HEAD_OF_SERVICE)  # and then only their people's
FINDINGS_AUTHORS = (Role.HEAD_OF_QUALITY,)
FINDINGS_SIGNERS = (Role.AUDITOR, Role.MODERATOR, Role.TEAM_MANAGER, Role.HEAD_OF_SERVICE,
                    Role.PRINCIPAL_SOCIAL_WORKER, Role.CONSULTANT_SOCIAL_WORKER,
                    Role.HEAD_OF_QUALITY)  # and then one member of each audit group
# The quarterly report to the Joint Leadership Team and the plans' exports.
GOVERNANCE_READERS = (Role.HEAD_OF_QUALITY, Role.DIRECTOR, Role.ASSISTANT_DIRECTOR,
                      Role.LEAD_MEMBER, Role.HEAD_OF_SERVICE, Role.PRINCIPAL_SOCIAL_WORKER,
                      Role.PRACTICE_LEARNING_TEAM, Role.PERFORMANCE_TEAM, Role.INTEGRATION)
EXPORTERS = (Role.HEAD_OF_QUALITY,)
# Learning circles: finding the 'stuck' core groups, the schedule, recording a circle.
CIRCLE_KEEPERS = (Role.PRACTICE_LEARNING_TEAM, Role.PRINCIPAL_SOCIAL_WORKER,
                  Role.HEAD_OF_SERVICE)
# The annual staff survey: who sets its questions, who reads its results (all staff answer).
SURVEY_AUTHORS = (Role.HEAD_OF_QUALITY, Role.PRACTICE_LEARNING_TEAM)
SURVEY_READERS = (Role.HEAD_OF_QUALITY, Role.DIRECTOR, Role.PRACTICE_LEARNING_TEAM)
# The practice learning team's queue and annual reviews (a principal social worker may read).
PLT = (Role.PRACTICE_LEARNING_TEAM,)
PLT_READERS = (Role.PRACTICE_LEARNING_TEAM, Role.PRINCIPAL_SOCIAL_WORKER)
ASYE_KEEPERS = (Role.PRACTICE_LEARNING_TEAM, Role.PRINCIPAL_SOCIAL_WORKER)
# The learning and development programme: who manages it (everyone on the staff reads it).
DEVELOPMENT_MANAGERS = (Role.HEAD_OF_QUALITY, Role.PRINCIPAL_SOCIAL_WORKER,
                        Role.PRACTICE_LEARNING_TEAM)
