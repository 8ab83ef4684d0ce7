"""Who may read what, in one place."""

from shared.auth import EVERYONE as EVERYONE  # home pages, one's own things: never a guest
from shared.auth import Role

BRIEFING_READERS = (Role.DIRECTOR, Role.ASSISTANT_DIRECTOR, Role.LEAD_MEMBER,
                    Role.HEAD_OF_QUALITY, Role.HEAD_OF_SERVICE, Role.PRINCIPAL_SOCIAL_WORKER,
                    Role.PRACTICE_LEARNING_TEAM, Role.PERFORMANCE_TEAM)
FORUM_READERS = (*BRIEFING_READERS, Role.TEAM_MANAGER)
# The QA Forum includes frontline practitioners: they open its pack (counts and categories
# only: the pack holds no per-case or per-worker rows, and links to no drill-down list).
FORUM_PACK_READERS = (*FORUM_READERS, Role.SOCIAL_WORKER, Role.CONSULTANT_SOCIAL_WORKER)
CLINIC_READERS = (*BRIEFING_READERS, Role.TEAM_MANAGER)
# Who may open the list behind a figure (ids and categories, never free text).
DRILL_DOWN = (*BRIEFING_READERS, Role.TEAM_MANAGER)
IMPORTERS = (Role.PERFORMANCE_TEAM,)
SIGNERS = (Role.HEAD_OF_QUALITY,)
# Auditors' competency records: the head of quality and principal social worker read every
# auditor's; an auditor (or moderator, who audits too) reads their own only.
COMPETENCY_READERS = (Role.HEAD_OF_QUALITY, Role.PRINCIPAL_SOCIAL_WORKER)
OWN_RECORD_READERS = (*COMPETENCY_READERS, Role.AUDITOR, Role.MODERATOR, Role.TEAM_MANAGER)
# The register of outstanding practice: whoever reads the Forum pack's figures by team.
REGISTER_READERS = FORUM_READERS
# Feedback to everyone (issue 13): the quarterly customer feedback summary is the leadership
# team's (the whole service, each team beside it) and each team's own (its members read their
# team's); the biannual staff briefing sheet goes to all staff; the head of quality (there is
# no complaints manager role) publishes its lessons.
TEAM_MEMBERS = (Role.TEAM_MANAGER, Role.SOCIAL_WORKER, Role.CONSULTANT_SOCIAL_WORKER)
FEEDBACK_SUMMARY_READERS = (*BRIEFING_READERS, *TEAM_MEMBERS)
STAFF_BRIEFING_READERS = tuple(r for r in EVERYONE if r is not Role.INTEGRATION)
LESSONS_AUTHORS = (Role.HEAD_OF_QUALITY,)
