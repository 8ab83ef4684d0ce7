from shared.settings import ServiceSettings


class DataProtectionSettings(ServiceSettings):
    service_name: str = "data_protection"
    http_port: int = 8106

    # QA_SERVICE_API_URLS: where this service reaches every other one to have an erased
    # subject blanked ({"audit_capture": "http://audit-capture", ...}); empty: QA_SERVICE_URLS
    # (one machine, where the pages' and the APIs' addresses are the same).
    service_api_urls: dict[str, str] = {}

    def api_url(self, service: str) -> str:
        return (self.service_api_urls or self.service_urls).get(service, "")
