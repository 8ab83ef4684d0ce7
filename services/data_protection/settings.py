from typing import Literal

from pydantic import model_validator

from shared.settings import ServiceSettings


class DataProtectionSettings(ServiceSettings):
    service_name: str = "data_protection"
    http_port: int = 8106

    # QA_SERVICE_API_URLS: where this service reaches every other one to have an erased
    # subject blanked ({"audit_capture": "http://audit-capture", ...}); empty: QA_SERVICE_URLS
    # (one machine, where the pages' and the APIs' addresses are the same).
    service_api_urls: dict[str, str] = {}
    # QA_SERVICE_TOKEN: how this service proves itself when it calls them. "development": a
    # development token it signs itself (QA_AUTH_DEV_SECRET), which production's services
    # refuse; "oidc_client_credentials": a token from QA_OIDC_ISSUER's client-credentials
    # grant with QA_OIDC_CLIENT_ID/SECRET (the client given the data_protection_officer role
    # at the identity provider), QA_SERVICE_TOKEN_SCOPE if the issuer wants one. Production
    # accepts only the second.
    service_token: Literal["development", "oidc_client_credentials"] = "development"
    service_token_scope: str = ""

    # The retention job's daily real run: once a day from this time (England's, HH:MM); a service it
    # could not reach is asked again every retention_check_seconds until it answers.
    retention_daily_at: str = "02:30"
    retention_check_seconds: float = 60.0

    @model_validator(mode="after")
    def _refuse_development_service_token_in_production(self) -> "DataProtectionSettings":
        if self.environment != "production":
            return self
        if self.service_token != "oidc_client_credentials":
            raise ValueError("refusing to start in production: QA_SERVICE_TOKEN must be "
                             "oidc_client_credentials (the development token is refused)")
        if not (self.oidc_client_id and self.oidc_client_secret):
            raise ValueError("refusing to start in production: QA_OIDC_CLIENT_ID and "
                             "QA_OIDC_CLIENT_SECRET must be set for the service token")
        return self

    def api_url(self, service: str) -> str:
        return (self.service_api_urls or self.service_urls).get(service, "")
