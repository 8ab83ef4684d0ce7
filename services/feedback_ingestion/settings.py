from shared.settings import ServiceSettings


class FeedbackIngestionSettings(ServiceSettings):
    service_name: str = "feedback_ingestion"
    http_port: int = 8102
