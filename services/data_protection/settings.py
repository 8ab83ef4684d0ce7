from shared.settings import ServiceSettings


class DataProtectionSettings(ServiceSettings):
    service_name: str = "data_protection"
    http_port: int = 8106

    # QA_SERVICE_API_URLS: where this service reaches every other one to have an erased
    # subject blanked ({"audit_capture": "http://audit-capture", ...}); empty: QA_SERVICE_URLS
    # (one machine, where the pages' and the APIs' addresses are the same).
    service_api_urls: dict[str, str] = {}

    # The retention job's daily real run: once a day from this time (UTC, HH:MM); a service it
    # could not reach is asked again every retention_check_seconds until it answers.
    retention_daily_at: str = "02:30"
    retention_check_seconds: float = 60.0

    def api_url(self, service: str) -> str:
        return (self.service_api_urls or self.service_urls).get(service, "")
