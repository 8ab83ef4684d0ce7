from shared.settings import ServiceSettings


class LearningSettings(ServiceSettings):
    service_name: str = "learning"
    http_port: int = 8105

    # QA_CLINIC_WARNING_DAYS: a team's next clinic is "due" this many days before the
    # 6 months run out; an alert then if none is planned, another once it is overdue.
    clinic_warning_days: int = 28
    schedule_max_sleep_seconds: float = 60.0  # longest the schedule loop sleeps between checks
