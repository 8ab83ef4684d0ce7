"""The meetings the framework names, and how often each is held (pure)."""

from __future__ import annotations

from schemas.learning import MeetingKind as K

# The longest interval, in months, between two meetings of a kind (of one team, for
# clinics); None: held as needed. "on time" means within it.
INTERVAL_MONTHS: dict[K, int | None] = {
    K.QA_FORUM: 3,
    K.PERFORMANCE_CLINIC: 6,  # every 3 to 6 months
    K.MANAGERS_PERFORMANCE: 1,
    K.FINDINGS_SIGNOFF: 1,
    K.CP_CONFERENCE_REVIEW: 3,
    K.IRS_REVIEW: 3,
    K.MULTI_AGENCY_AUDIT_REVIEW: None,
    K.PEER_CHALLENGE: None,
}

LABELS: dict[K, str] = {
    K.QA_FORUM: "Quality Assurance Forum",
    K.PERFORMANCE_CLINIC: "Performance clinic",
    K.MANAGERS_PERFORMANCE: "Managers' performance meeting",
    K.FINDINGS_SIGNOFF: "Monthly findings sign-off",
    K.CP_CONFERENCE_REVIEW: "CP conference quarterly review",
    K.IRS_REVIEW: "IRS quarterly review",
    K.MULTI_AGENCY_AUDIT_REVIEW: "Multi-agency audit review",
    K.PEER_CHALLENGE: "Peer challenge",
}

def needs_team(kind: K) -> bool:
    return kind == K.PERFORMANCE_CLINIC
