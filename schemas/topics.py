"""Topic names: one per aggregate kind, keyed by aggregate id so each aggregate stays in order."""

DIRECTORY = "qa.directory"
PROGRAMME = "qa.programme"
AUDIT = "qa.audit"
OBSERVATION = "qa.observation"
FEEDBACK = "qa.feedback"
FEEDBACK_RAW = "qa.feedback.raw"
COMPLAINT = "qa.complaint"
ACTION = "qa.action"
ALERT = "qa.alert"
BRIEFING = "qa.briefing"
PERFORMANCE = "qa.performance"
LEARNING = "qa.learning"
DEADLETTER = "qa.deadletter"
PRIVACY = "qa.privacy"
ACCESS = "qa.access"

ALL = (DIRECTORY, PROGRAMME, AUDIT, OBSERVATION, FEEDBACK, FEEDBACK_RAW, COMPLAINT, ACTION, ALERT,
       BRIEFING, PERFORMANCE, LEARNING, DEADLETTER, PRIVACY, ACCESS)

KEYS = {
    DIRECTORY: "person_id or team_id",
    PROGRAMME: "programme month (YYYY-MM) or allocation_id",
    AUDIT: "audit_id",
    OBSERVATION: "observation_id",
    FEEDBACK: "item_id (derived from source and source id)",
    FEEDBACK_RAW: "source:source_id (raw items from upstream systems, unchecked)",
    COMPLAINT: "complaint_id (derived from source and source id)",
    ACTION: "action_id",
    ALERT: "alert_id",
    BRIEFING: "briefing month (YYYY-MM); a staff briefing sheet's half-year (YYYY-Hn)",
    PERFORMANCE: "team_id:month:indicator (one locality indicator value)",
    LEARNING: ("meeting_id (meetings and what they decided), month (monthly findings) or "
               "a learning and development programme item's id (its sessions delivered)"),
    DEADLETTER: "the failed message's original topic",
    PRIVACY: ("an erasure's, a legal hold's or a retention run's id (never a case reference "
              "or a name: the subject travels as its pseudonym)"),
    ACCESS: "the data subject's pseudonym (each read of their personal data, append-only)",
}
