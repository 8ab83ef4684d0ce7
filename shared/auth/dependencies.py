"""FastAPI dependencies: every endpoint but health and metrics declares the roles it allows."""

from __future__ import annotations

from fastapi import Depends, FastAPI, HTTPException, Request, status
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from .roles import Principal, Role
from .tokens import InvalidToken, TokenVerifier

COOKIE = "qa_token"
_bearer = HTTPBearer(auto_error=False)


def configure_auth(app: FastAPI, verifier: TokenVerifier) -> None:
    app.state.token_verifier = verifier


def _unauthorised(reason: str) -> HTTPException:
    return HTTPException(status.HTTP_401_UNAUTHORIZED, detail=reason,
                         headers={"WWW-Authenticate": "Bearer"})


class RoleRequired(HTTPException):
    """403: the token is valid but holds none of the roles a route allows. `roles` names them,
    so a page can say who may open it and an API client reads them in `detail`."""

    def __init__(self, roles: frozenset[Role]) -> None:
        super().__init__(status.HTTP_403_FORBIDDEN,
                         detail=f"requires one of: {', '.join(sorted(roles))}")
        self.roles = roles


def allow(*roles: Role):
    """Dependency that admits a valid token holding any of `roles` (401, else 403)."""
    allowed = frozenset(roles)

    async def principal(
        request: Request, credentials: HTTPAuthorizationCredentials | None = Depends(_bearer)
    ) -> Principal:
        token = credentials.credentials if credentials else request.cookies.get(COOKIE)
        if not token:
            raise _unauthorised("a bearer token is required")
        try:
            who = request.app.state.token_verifier.verify(token)
        except InvalidToken as error:
            raise _unauthorised(f"invalid token ({error})") from error
        if not who.has_any(allowed):
            request.state.principal = who  # the refusal page says who is signed in
            raise RoleRequired(allowed)
        return who

    principal.allowed_roles = allowed  # type: ignore[attr-defined] - read by the route audit test
    return principal
