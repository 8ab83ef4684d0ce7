"""Topic names: one per aggregate kind, keyed by aggregate id so each aggregate stays in order."""

DIRECTORY = "qa.directory"
PROGRAMME = "qa.programme"
AUDIT = "qa.audit"
OBSERVATION = "qa.observation"
FEEDBACK = "qa.feedback"
COMPLAINT = "qa.complaint"
ACTION = "qa.action"
ALERT = "qa.alert"
DEADLETTER = "qa.deadletter"

ALL = (DIRECTORY, PROGRAMME, AUDIT, OBSERVATION, FEEDBACK, COMPLAINT, ACTION, ALERT, DEADLETTER)

KEYS = {
    DIRECTORY: "person_id or team_id",
    PROGRAMME: "programme month (YYYY-MM) or allocation_id",
    AUDIT: "audit_id",
    OBSERVATION: "observation_id",
    FEEDBACK: "item_id (derived from source and source id)",
    COMPLAINT: "complaint_id (derived from source and source id)",
    ACTION: "action_id",
    ALERT: "alert_id",
    DEADLETTER: "the failed message's original topic",
}
