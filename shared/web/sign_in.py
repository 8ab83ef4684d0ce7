"""Production sign-in for the pages: /auth/login sends a person to the council's identity
provider, /auth/callback brings them back with the session cookie every page accepts.

Only in production (development answers 404 here and signs in at /login). The session
cookie is SameSite=Lax, not Strict: the first page after the identity provider is reached
by a redirect that started on another site, and a Strict cookie would not be sent with it.
"""

from __future__ import annotations

import html
import re
import time

import httpx

from fastapi import APIRouter, HTTPException, Request, status
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from ..auth.dependencies import COOKIE
from ..auth.sign_in import Flow, OidcSignIn, SignInFailed

router = APIRouter(include_in_schema=False)
FLOW_COOKIE = "qa_oidc_"  # + the flow's state: two tabs signing in at once do not collide
FLOW_SECONDS = 600
STATE = re.compile(r"^[\w-]{16,128}$")


def sign_in_of(request: Request) -> OidcSignIn:
    app = request.app
    settings = app.state.runtime.settings
    if settings.environment != "production":
        raise HTTPException(status.HTTP_404_NOT_FOUND)
    if not settings.oidc_client_id:
        raise HTTPException(status.HTTP_503_SERVICE_UNAVAILABLE,
                            detail="sign-in is not configured (QA_OIDC_CLIENT_ID)")
    if getattr(app.state, "oidc_sign_in", None) is None:
        app.state.oidc_sign_in = OidcSignIn(settings, app.state.token_verifier)
    return app.state.oidc_sign_in


def safe_next(target: str) -> str:
    """A path on this site: never `//host` or `/\\host`, which browsers take as another site."""
    return target if target.startswith("/") and target[1:2] not in ("/", "\\") else "/"


def _refused(reason: str, status_code: int) -> HTMLResponse:
    return HTMLResponse(
        "<!doctype html><html lang='en-GB'><title>Not signed in</title><main>"
        f"<h1>You are not signed in</h1><p>{html.escape(reason)}.</p>"
        "<p><a href='/auth/login'>Sign in again</a></p></main></html>", status_code=status_code)


@router.get("/auth/login")
async def start_sign_in(request: Request, next: str = "/") -> RedirectResponse:
    sign_in = sign_in_of(request)
    try:
        url, flow = await sign_in.start(next=safe_next(next),
                                        callback_url=str(request.url_for("finish_sign_in")))
    except SignInFailed as error:
        raise HTTPException(status.HTTP_503_SERVICE_UNAVAILABLE, detail=str(error)) from error
    response = RedirectResponse(url, status_code=status.HTTP_303_SEE_OTHER)
    response.set_cookie(FLOW_COOKIE + flow.state, flow.to_cookie(), max_age=FLOW_SECONDS,
                        path=_callback_path(flow), httponly=True, samesite="lax",
                        secure=flow.redirect_uri.startswith("https:"))
    return response


@router.get("/auth/callback", name="finish_sign_in")
async def finish_sign_in(request: Request, code: str = "", state: str = "",
                         error: str = "") -> Response:
    sign_in = sign_in_of(request)
    if error:
        return _refused(f"The sign-in service answered: {error[:100]}", 401)
    flow = Flow.from_cookie(request.cookies.get(FLOW_COOKIE + state)) if STATE.match(state) \
        else None
    if flow is None or flow.state != state or not code:
        return _refused("This sign-in expired or was not started in this browser", 400)
    try:
        session = await sign_in.finish(flow, code)
    except SignInFailed as failure:
        reason = str(failure)
        return _refused(reason[:1].upper() + reason[1:], 401)
    response = RedirectResponse(flow.next, status_code=status.HTTP_303_SEE_OTHER)
    response.delete_cookie(FLOW_COOKIE + state, path=_callback_path(flow))
    response.set_cookie(COOKIE, session.token, httponly=True,
                        max_age=max(0, session.expires_at - int(time.time())),
                        samesite="lax", secure=flow.redirect_uri.startswith("https:"))
    return response


def _callback_path(flow: Flow) -> str:
    """The flow's cookie goes only to the callback (behind a proxy, the registered one)."""
    return httpx.URL(flow.redirect_uri).path or "/"


async def sign_out_at_issuer(request: Request) -> str:
    """Where a person goes after signing out: the issuer's end-session endpoint when it has
    one (so the next sign-in asks again), else this service's home page."""
    if not request.app.state.runtime.settings.oidc_client_id:
        return "/"
    sign_in = sign_in_of(request)
    try:
        endpoint = (await sign_in.metadata()).get("end_session_endpoint")
    except SignInFailed:
        endpoint = None
    if not endpoint:
        return "/"
    return str(httpx.URL(endpoint).copy_merge_params(
        {"client_id": sign_in.client_id, "post_logout_redirect_uri": str(request.base_url)}))
