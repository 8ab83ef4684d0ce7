"""People sign in through the council's identity provider: the OIDC authorisation code flow
with PKCE (S256), state and nonce. Authlib builds the authorisation URL and exchanges the
code; PyJWT checks the ID token against the issuer's JWKS, as `tokens.py` checks every token.

The session is the issuer's token that this platform's verifier accepts (its audience is
QA_OIDC_AUDIENCE): the access token when the issuer mints one for the platform's API, else
the ID token (when the platform is registered as one client and QA_OIDC_AUDIENCE is its id).
"""

from __future__ import annotations

import asyncio
import base64
import json
import warnings
from dataclasses import asdict, dataclass
from typing import Any

import httpx
import jwt
from authlib.common.security import generate_token
from authlib.deprecate import AuthlibDeprecationWarning

with warnings.catch_warnings():
    # Authlib prefers httpx2 and falls back to httpx with a warning; httpx is the client
    # FastAPI's TestClient and the rest of the platform use.
    warnings.simplefilter("ignore", AuthlibDeprecationWarning)
    from authlib.integrations.httpx_client import AsyncOAuth2Client, OAuthError

from ..settings import ServiceSettings
from .tokens import InvalidToken, TokenVerifier

TIMEOUT_SECONDS = 10


class SignInFailed(Exception):
    """The identity provider did not give a session this platform accepts (the reason is
    safe to show: it names no claim's value)."""


@dataclass(frozen=True)
class Flow:
    """What the browser keeps (in a short-lived cookie) between leaving for the identity
    provider and coming back: the callback must show the same state, and the ID token the
    same nonce; the PKCE verifier proves the code is redeemed by whoever asked for it."""

    state: str
    nonce: str
    verifier: str
    redirect_uri: str
    next: str

    def to_cookie(self) -> str:
        return base64.urlsafe_b64encode(json.dumps(asdict(self)).encode()).decode()

    @classmethod
    def from_cookie(cls, value: str | None) -> Flow | None:
        try:
            return cls(**json.loads(base64.urlsafe_b64decode(value or "")))
        except (ValueError, TypeError):
            return None


@dataclass(frozen=True)
class Session:
    token: str
    expires_at: int


class OidcSignIn:
    def __init__(self, settings: ServiceSettings, verifier: TokenVerifier) -> None:
        self.issuer = settings.oidc_issuer
        self.client_id = settings.oidc_client_id
        self.client_secret = settings.oidc_client_secret or None
        self.scopes = settings.oidc_scopes
        self.redirect_url = settings.oidc_redirect_url
        self.verifier = verifier
        self.keys = jwt.PyJWKClient(settings.oidc_jwks_url)
        self._metadata: dict[str, Any] | None = None

    async def metadata(self) -> dict[str, Any]:
        """The issuer's discovery document, read once (it names the endpoints)."""
        if self._metadata is None:
            url = self.issuer.rstrip("/") + "/.well-known/openid-configuration"
            try:
                async with httpx.AsyncClient(timeout=TIMEOUT_SECONDS) as client:
                    response = await client.get(url)
                    response.raise_for_status()
                    document = response.json()
            except (httpx.HTTPError, ValueError) as error:
                raise SignInFailed("the identity provider cannot be reached") from error
            if document.get("issuer") != self.issuer:
                raise SignInFailed("the identity provider's discovery names another issuer")
            self._metadata = document
        return self._metadata

    def _client(self, redirect_uri: str) -> AsyncOAuth2Client:
        return AsyncOAuth2Client(
            client_id=self.client_id, client_secret=self.client_secret, scope=self.scopes,
            redirect_uri=redirect_uri, code_challenge_method="S256", timeout=TIMEOUT_SECONDS,
            token_endpoint_auth_method="client_secret_post" if self.client_secret else "none")

    async def start(self, *, next: str, callback_url: str) -> tuple[str, Flow]:
        """The identity provider's authorisation URL, and the flow to keep until the callback."""
        endpoint = (await self.metadata())["authorization_endpoint"]
        flow = Flow(state=generate_token(32), nonce=generate_token(32),
                    verifier=generate_token(64), redirect_uri=self.redirect_url or callback_url,
                    next=next)
        async with self._client(flow.redirect_uri) as client:
            url, _ = client.create_authorization_url(endpoint, state=flow.state,
                                                     code_verifier=flow.verifier,
                                                     nonce=flow.nonce)
        return url, flow

    async def finish(self, flow: Flow, code: str) -> Session:
        """Redeems the code, checks the ID token, and returns the session token."""
        endpoint = (await self.metadata())["token_endpoint"]
        try:
            async with self._client(flow.redirect_uri) as client:
                tokens = await client.fetch_token(endpoint, grant_type="authorization_code",
                                                  code=code, code_verifier=flow.verifier)
        except (OAuthError, httpx.HTTPError, ValueError) as error:
            raise SignInFailed("the identity provider refused the sign-in code") from error
        await asyncio.to_thread(self._checked_id_token, tokens.get("id_token"), flow)
        for candidate in (tokens.get("access_token"), tokens.get("id_token")):
            try:
                self.verifier.verify(candidate or "")  # as every request does
            except InvalidToken:
                continue
            expiry = jwt.decode(candidate, options={"verify_signature": False})["exp"]
            return Session(token=candidate, expires_at=int(expiry))
        raise SignInFailed("the identity provider's tokens are not for this platform "
                           "(QA_OIDC_AUDIENCE)")

    def _checked_id_token(self, id_token: str | None, flow: Flow) -> dict[str, Any]:
        if not id_token:
            raise SignInFailed("the identity provider sent no ID token")
        try:
            key = self.keys.get_signing_key_from_jwt(id_token).key
            claims = jwt.decode(id_token, key, algorithms=["RS256", "ES256"],
                                issuer=self.issuer, audience=self.client_id,
                                options={"require": ["exp", "iat", "sub", "iss", "aud"]})
        except jwt.PyJWTError as error:
            raise SignInFailed(f"the ID token was refused ({type(error).__name__})") from error
        if claims.get("nonce") != flow.nonce:
            raise SignInFailed("the ID token is not for this sign-in (nonce)")
        return claims
