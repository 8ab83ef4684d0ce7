from shared.settings import ServiceSettings


class ActionTrackingSettings(ServiceSettings):
    service_name: str = "action_tracking"
    http_port: int = 8103

    due_soon_working_days: int = 2  # QA_DUE_SOON_WORKING_DAYS: due-soon alert this many before
    escalate_after_working_days: int = 3  # QA_ESCALATE_AFTER_WORKING_DAYS overdue → head of service
    # QA_ACKNOWLEDGE_WITHIN_WORKING_HOURS: an urgent action (Safety Link, safeguarding concern)
    # not acknowledged within this many working hours (09:00-17:00) goes to the head of service
    acknowledge_within_working_hours: float = 4.0
    engine_max_sleep_seconds: float = 5.0  # longest the engine sleeps between store checks

    webhook_attempts: int = 5  # QA_WEBHOOK_ATTEMPTS before a delivery is dead-lettered
    webhook_backoff_seconds: float = 0.5  # first wait; doubles each time
    webhook_max_backoff_seconds: float = 30.0
    webhook_timeout_seconds: float = 5.0
