"""Settings common to every service; each service subclasses this once with its own defaults.

Every variable has the prefix QA_ (for example QA_KAFKA_BOOTSTRAP), so one environment file
serves the whole platform and docker-compose names the same variables these classes read.
"""

from __future__ import annotations

from typing import Literal

from pydantic import model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

DEVELOPMENT_SECRET = "development-only-secret-change-me"
# docker-compose's and the local Kubernetes overlay's master key, shared by their containers
# (32 bytes of base64); production refuses it like the development secret.
DEVELOPMENT_MASTER_KEY = "ZGV2ZWxvcG1lbnQtb25seS1tYXN0ZXIta2V5LTMyYiE="


class ServiceSettings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="QA_", extra="ignore")

    environment: Literal["development", "production"] = "development"
    service_name: str = "service"
    http_host: str = "127.0.0.1"
    http_port: int = 8000

    kafka_bootstrap: str = "127.0.0.1:19092"
    kafka_group_suffix: str = ""
    kafka_partitions: int = 3
    kafka_replication_factor: int = 1
    kafka_request_timeout_ms: int = 10_000
    publish_timeout_seconds: float = 5.0

    mongo_uri: str = "mongodb://127.0.0.1:27018/"
    mongo_database: str = ""
    mongo_timeout_ms: int = 3_000
    mongo_operation_timeout_ms: int = 15_000

    auth_dev_secret: str = DEVELOPMENT_SECRET
    oidc_issuer: str = ""
    oidc_audience: str = ""
    oidc_jwks_url: str = ""
    # People's sign-in to the pages (authorisation code flow with PKCE; shared/auth/sign_in.py)
    oidc_client_id: str = ""
    oidc_client_secret: str = ""  # empty: a public client (PKCE alone)
    oidc_scopes: str = "openid profile email"
    oidc_redirect_url: str = ""  # empty: this service's own /auth/callback

    service_urls: dict[str, str] = {}  # QA_SERVICE_URLS='{"reporting": "http://..."}': page links
    outbox_relay_seconds: float = 2.0
    log_level: str = "INFO"
    # Personal data sealed per subject (shared/personal_data): the master key that wraps the
    # subjects' keys, as base64 (a Secret), or else a file every process on the machine shares.
    master_key: str = ""
    master_key_file: str = "var/keys/master.key"
    # Or an AES key inside a PKCS#11 token (an HSM, a cloud HSM's library): it never leaves it.
    master_key_source: Literal["local", "pkcs11"] = "local"
    pkcs11_module: str = ""  # the token's library, e.g. /usr/lib/softhsm/libsofthsm2.so
    pkcs11_token: str = ""  # the token's label
    pkcs11_pin: str = ""  # the user PIN (a Secret)
    pkcs11_key_label: str = "qa-master"
    key_database: str = "qa_keys"
    key_cache_seconds: float = 5.0
    # The retention schedule (shared/personal_data/retention_schedule.py); empty: the shipped
    # deploy/config/retention.toml. A wrong rule stops the service at start-up.
    retention_schedule: str = ""
    # OTLP/HTTP traces endpoint (e.g. http://otel-collector:4318/v1/traces); empty: no tracing
    otel_exporter_otlp_endpoint: str = ""

    @property
    def database_name(self) -> str:
        return self.mongo_database or f"qa_{self.service_name}"

    @property
    def consumer_group(self) -> str:
        return f"{self.service_name}{self.kafka_group_suffix}"

    @model_validator(mode="after")
    def _refuse_development_secrets_in_production(self) -> ServiceSettings:
        if self.environment != "production":
            return self
        problems = []
        if self.auth_dev_secret == DEVELOPMENT_SECRET:
            problems.append("QA_AUTH_DEV_SECRET is the development secret")
        if self.master_key_source == "pkcs11":
            if not (self.pkcs11_module and self.pkcs11_token and self.pkcs11_pin):
                problems.append("QA_PKCS11_MODULE, QA_PKCS11_TOKEN and QA_PKCS11_PIN must be "
                                "set for QA_MASTER_KEY_SOURCE=pkcs11")
        elif not self.master_key or self.master_key == DEVELOPMENT_MASTER_KEY:
            problems.append("QA_MASTER_KEY must be set to the council's own key (base64 of 32 "
                            "bytes), not the development one or a file; or a PKCS#11 token's "
                            "(QA_MASTER_KEY_SOURCE=pkcs11)")
        for name in ("oidc_issuer", "oidc_audience", "oidc_jwks_url"):
            if not getattr(self, name):
                problems.append(f"QA_{name.upper()} must be set")
        if problems:
            raise ValueError("refusing to start in production: " + "; ".join(problems))
        return self
