"""The token data protection sends when it asks the other services to blank an erased
subject: chosen by QA_SERVICE_TOKEN (settings.py). In development it signs a development
token itself; in production it asks the council's identity provider for one with the
client-credentials grant (Authlib, as the people's sign-in does) and keeps it until shortly
before it expires."""

from __future__ import annotations

import time
import warnings
from typing import Any, Protocol

import httpx
from authlib.deprecate import AuthlibDeprecationWarning

from shared.auth import issue_development_token

from ..settings import DataProtectionSettings

with warnings.catch_warnings():  # as shared/auth/sign_in.py: Authlib over httpx
    warnings.simplefilter("ignore", AuthlibDeprecationWarning)
    from authlib.integrations.httpx_client import AsyncOAuth2Client

ROLES = ["data_protection_officer"]
RENEW_BEFORE_SECONDS = 60  # a token this close to its expiry is fetched afresh
TIMEOUT_SECONDS = 10


class ServiceTokens(Protocol):
    async def token(self) -> str: ...


class DevelopmentTokens:
    def __init__(self, secret: str) -> None:
        self._secret = secret

    async def token(self) -> str:
        return issue_development_token(secret=self._secret, subject="data_protection",
                                       roles=ROLES)


class ClientCredentialsTokens:
    def __init__(self, *, issuer: str, client_id: str, client_secret: str, scope: str = "",
                 transport: httpx.AsyncBaseTransport | None = None) -> None:
        self.issuer, self._scope, self._transport = issuer, scope or None, transport
        self._client = {"client_id": client_id, "client_secret": client_secret}
        self._current: tuple[str, float] | None = None  # token, when it stops being used

    async def token(self) -> str:
        if self._current and time.monotonic() < self._current[1]:
            return self._current[0]
        async with AsyncOAuth2Client(**self._client, scope=self._scope, timeout=TIMEOUT_SECONDS,
                                     token_endpoint_auth_method="client_secret_post",
                                     transport=self._transport) as client:
            endpoint = (await self._discovery(client))["token_endpoint"]
            answer = await client.fetch_token(endpoint, grant_type="client_credentials")
        lifetime = float(answer.get("expires_in") or 300)
        self._current = (answer["access_token"],
                         time.monotonic() + max(lifetime - RENEW_BEFORE_SECONDS, 0))
        return self._current[0]

    async def _discovery(self, client: AsyncOAuth2Client) -> dict[str, Any]:
        response = await client.request(  # no token yet: discovery is public
            "GET", self.issuer.rstrip("/") + "/.well-known/openid-configuration",
            withhold_token=True)
        response.raise_for_status()
        return response.json()


def service_tokens(settings: DataProtectionSettings) -> ServiceTokens:
    if settings.service_token == "oidc_client_credentials":
        return ClientCredentialsTokens(issuer=settings.oidc_issuer,
                                       client_id=settings.oidc_client_id,
                                       client_secret=settings.oidc_client_secret,
                                       scope=settings.service_token_scope)
    return DevelopmentTokens(settings.auth_dev_secret)
