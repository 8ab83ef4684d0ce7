"""Which token data protection sends the services (QA_SERVICE_TOKEN): the development token
in development, which the services' verifier accepts with the officer's role; in production
only the client-credentials grant against the council's issuer, fetched once and kept until
shortly before it expires; production refuses to start with the development token."""

from __future__ import annotations

from urllib.parse import parse_qs

import httpx
import pytest
from pydantic import ValidationError

from services.data_protection.adapters.service_tokens import (
    ClientCredentialsTokens, DevelopmentTokens, service_tokens)
from services.data_protection.settings import DataProtectionSettings
from shared.auth import Role, TokenVerifier

ISSUER = "https://idp.example.test/realms/fictional-council"
PRODUCTION = {"QA_ENVIRONMENT": "production", "QA_AUTH_DEV_SECRET": "x" * 40,
              "QA_MASTER_KEY": "eA" * 21 + "eA==", "QA_OIDC_ISSUER": ISSUER,
              "QA_OIDC_AUDIENCE": "qa-platform", "QA_OIDC_JWKS_URL": ISSUER + "/jwks"}


def production(monkeypatch, **more: str) -> None:
    for name, value in {**PRODUCTION, **more}.items():
        monkeypatch.setenv(name, value)


async def test_development_signs_a_token_the_services_accept_as_the_officer():
    settings = DataProtectionSettings()
    tokens = service_tokens(settings)
    assert isinstance(tokens, DevelopmentTokens)
    who = TokenVerifier(settings).verify(await tokens.token())
    assert who.subject == "data_protection" and Role.DATA_PROTECTION_OFFICER in who.roles


def test_production_refuses_the_development_token(monkeypatch):
    production(monkeypatch, QA_OIDC_CLIENT_ID="dp", QA_OIDC_CLIENT_SECRET="fictional")
    with pytest.raises(ValidationError, match="QA_SERVICE_TOKEN must be oidc_client_credentials"):
        DataProtectionSettings()


def test_production_needs_the_client_its_token_is_granted_to(monkeypatch):
    production(monkeypatch, QA_SERVICE_TOKEN="oidc_client_credentials")
    with pytest.raises(ValidationError, match="QA_OIDC_CLIENT_ID and QA_OIDC_CLIENT_SECRET"):
        DataProtectionSettings()


def test_production_asks_the_issuer(monkeypatch):
    production(monkeypatch, QA_SERVICE_TOKEN="oidc_client_credentials",
               QA_OIDC_CLIENT_ID="dp", QA_OIDC_CLIENT_SECRET="fictional")
    tokens = service_tokens(DataProtectionSettings())
    assert isinstance(tokens, ClientCredentialsTokens) and tokens.issuer == ISSUER


async def test_the_client_credentials_grant_is_asked_once_while_the_token_lasts():
    asked: list[dict[str, list[str]]] = []

    def issuer(request: httpx.Request) -> httpx.Response:
        if request.url.path.endswith("/.well-known/openid-configuration"):
            return httpx.Response(200, json={"issuer": ISSUER,
                                             "token_endpoint": ISSUER + "/token"})
        assert request.url == ISSUER + "/token"
        asked.append(parse_qs(request.content.decode()))
        return httpx.Response(200, json={"access_token": f"granted-{len(asked)}",
                                         "token_type": "Bearer", "expires_in": 3600})

    tokens = ClientCredentialsTokens(issuer=ISSUER, client_id="dp", client_secret="fictional",
                                     scope="qa-platform/.default",
                                     transport=httpx.MockTransport(issuer))
    assert await tokens.token() == "granted-1"
    assert await tokens.token() == "granted-1"
    assert len(asked) == 1
    assert asked[0]["grant_type"] == ["client_credentials"]
    assert asked[0]["client_id"] == ["dp"] and asked[0]["client_secret"] == ["fictional"]
    assert asked[0]["scope"] == ["qa-platform/.default"]
