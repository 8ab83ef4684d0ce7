import pytest
from pydantic import ValidationError

from services.reporting.settings import ReportingSettings
from shared.settings import ServiceSettings


def test_local_defaults_need_no_environment():
    settings = ReportingSettings()
    assert settings.environment == "development"
    assert settings.database_name == "qa_reporting"


def test_production_refuses_the_development_secret(monkeypatch):
    monkeypatch.setenv("QA_ENVIRONMENT", "production")
    with pytest.raises(ValidationError, match="development secret"):
        ReportingSettings()


def test_production_starts_with_real_secrets_and_an_issuer(monkeypatch):
    for name, value in {"QA_ENVIRONMENT": "production", "QA_AUTH_DEV_SECRET": "x" * 40, "QA_MASTER_KEY": "eA" * 21 + "eA==",
                        "QA_OIDC_ISSUER": "https://idp.example.test/",
                        "QA_OIDC_AUDIENCE": "qa-platform",
                        "QA_OIDC_JWKS_URL": "https://idp.example.test/jwks"}.items():
        monkeypatch.setenv(name, value)
    assert ReportingSettings().environment == "production"


def test_production_refuses_the_development_master_key_or_none(monkeypatch):
    from shared.settings import DEVELOPMENT_MASTER_KEY
    for name, value in {"QA_ENVIRONMENT": "production", "QA_AUTH_DEV_SECRET": "x" * 40,
                        "QA_OIDC_ISSUER": "https://idp.example.test/",
                        "QA_OIDC_AUDIENCE": "qa-platform",
                        "QA_OIDC_JWKS_URL": "https://idp.example.test/jwks"}.items():
        monkeypatch.setenv(name, value)
    with pytest.raises(ValidationError, match="QA_MASTER_KEY"):
        ReportingSettings()
    monkeypatch.setenv("QA_MASTER_KEY", DEVELOPMENT_MASTER_KEY)
    with pytest.raises(ValidationError, match="QA_MASTER_KEY"):
        ReportingSettings()


def test_production_takes_a_pkcs11_token_instead_of_a_master_key_but_not_half_of_one():
    base = {"environment": "production", "auth_dev_secret": "a-council-secret",
            "oidc_issuer": "https://id.example", "oidc_audience": "qa",
            "oidc_jwks_url": "https://id.example/jwks"}
    ServiceSettings(**base, master_key_source="pkcs11", pkcs11_module="/usr/lib/hsm.so",
                    pkcs11_token="council", pkcs11_pin="fictional")
    with pytest.raises(ValueError, match="QA_PKCS11_MODULE, QA_PKCS11_TOKEN and QA_PKCS11_PIN"):
        ServiceSettings(**base, master_key_source="pkcs11", pkcs11_module="/usr/lib/hsm.so")
