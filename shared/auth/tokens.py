"""Token checks. Production: an OIDC issuer's JWTs, keys from its JWKS. Development: HS256
tokens signed with a local secret (settings refuse that secret in production)."""

from __future__ import annotations

import time
from typing import Any

import jwt
from cachetools import TTLCache

from ..settings import ServiceSettings
from .roles import Principal, Role

DEV_ISSUER = "qa-platform-development"
DEV_AUDIENCE = "qa-platform"
# A verified token is trusted again for up to this long (never past its own expiry):
# checking a signature was a twentieth of an audit submission's CPU, and a person's
# browser or another system sends the same token many times. Also bounds how long a key
# withdrawn from the issuer's JWKS is still honoured.
VERIFIED_FOR_SECONDS = 60


class InvalidToken(Exception):
    pass


class TokenVerifier:
    def __init__(self, settings: ServiceSettings) -> None:
        self.production = settings.environment == "production"
        self.secret = settings.auth_dev_secret
        self.issuer = settings.oidc_issuer or DEV_ISSUER
        self.audience = settings.oidc_audience or DEV_AUDIENCE
        self.jwks = jwt.PyJWKClient(settings.oidc_jwks_url) if self.production else None
        self.verified: TTLCache[str, tuple[Principal, float]] = TTLCache(
            maxsize=4096, ttl=VERIFIED_FOR_SECONDS)

    def verify(self, token: str) -> Principal:
        known = self.verified.get(token)
        if known is not None and time.time() < known[1]:
            return known[0]
        try:
            claims = self._decode(token)
        except jwt.PyJWTError as error:
            raise InvalidToken(type(error).__name__) from error
        principal = self._principal(claims)
        self.verified[token] = (principal, float(claims["exp"]))
        return principal

    @staticmethod
    def _principal(claims: dict[str, Any]) -> Principal:
        """A signed token can still carry claims of the wrong shape (an issuer's mapping
        gone wrong): refused with the claim's name, never a 500."""
        roles = claims.get("roles") or []
        if isinstance(roles, str):
            roles = roles.split()
        if not isinstance(roles, list) or not all(isinstance(r, str) for r in roles):
            raise InvalidToken("the roles claim must be a list of strings")
        team_id = claims.get("team_id")
        if team_id is not None and not isinstance(team_id, str):
            raise InvalidToken("the team_id claim must be a string")
        if not isinstance(claims["sub"], str) or not claims["sub"]:
            raise InvalidToken("the sub claim must be a non-empty string")
        known = frozenset(Role(r) for r in roles if r in Role._value2member_map_)
        return Principal(subject=claims["sub"], roles=known, team_id=team_id)

    def _decode(self, token: str) -> dict[str, Any]:
        options = {"require": ["exp", "sub", "iss", "aud"]}
        if self.jwks is not None:
            key = self.jwks.get_signing_key_from_jwt(token).key
            return jwt.decode(token, key, algorithms=["RS256", "ES256"], issuer=self.issuer,
                              audience=self.audience, options=options)
        return jwt.decode(token, self.secret, algorithms=["HS256"], issuer=self.issuer,
                          audience=self.audience, options=options)


def issue_development_token(
    *, secret: str, subject: str, roles: list[str], team_id: str | None = None,
    hours: float = 12,
) -> str:
    now = int(time.time())
    claims: dict[str, Any] = {
        "iss": DEV_ISSUER, "aud": DEV_AUDIENCE, "sub": subject, "roles": roles,
        "iat": now, "exp": now + int(hours * 3600),
    }
    if team_id:
        claims["team_id"] = team_id
    return jwt.encode(claims, secret, algorithm="HS256")
