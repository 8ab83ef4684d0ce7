"""Development login: pick a role and an id, get a signed development token in a cookie.

Only in development: production answers 404 here, because people sign in through the
council's identity provider (`sign_in.py`, the OIDC authorisation code flow).
"""

from __future__ import annotations

from typing import Annotated
from urllib.parse import quote

from fastapi import APIRouter, Form, HTTPException, Request, status
from fastapi.responses import HTMLResponse, RedirectResponse

from ..auth import Role, issue_development_token
from ..auth.dependencies import COOKIE
from .pages import page_templates
from .sign_in import router as sign_in_router
from .sign_in import safe_next as _safe_next
from .sign_in import sign_out_at_issuer

router = APIRouter(include_in_schema=False)
router.include_router(sign_in_router)
templates = page_templates()


def _development_only(request: Request) -> None:
    if request.app.state.runtime.settings.environment == "production":
        raise HTTPException(status.HTTP_404_NOT_FOUND)


@router.get("/login", response_class=HTMLResponse)
async def login_form(request: Request, next: str = "/") -> HTMLResponse:
    _development_only(request)
    return templates.TemplateResponse(request, "login.html",
                                      {"roles": list(Role), "next": _safe_next(next)})


@router.post("/login")
async def login(
    request: Request,
    role: Annotated[Role, Form()],
    person_id: Annotated[str, Form(min_length=1, max_length=64, pattern=r"^[\w.-]+$")],
    team_id: Annotated[str, Form(max_length=64)] = "",
    next: Annotated[str, Form()] = "/",
) -> RedirectResponse:
    _development_only(request)
    token = issue_development_token(secret=request.app.state.runtime.settings.auth_dev_secret,
                                    subject=person_id, roles=[role.value],
                                    team_id=team_id or None)
    response = RedirectResponse(_safe_next(next), status_code=status.HTTP_303_SEE_OTHER)
    response.set_cookie(COOKIE, token, httponly=True, samesite="strict", max_age=12 * 3600)
    return response


@router.post("/logout")
async def logout(request: Request) -> RedirectResponse:
    production = request.app.state.runtime.settings.environment == "production"
    target = await sign_out_at_issuer(request) if production else "/login"
    response = RedirectResponse(target, status_code=status.HTTP_303_SEE_OTHER)
    response.delete_cookie(COOKIE)
    return response


def login_path(request: Request) -> str:
    """Development's sign-in form, or in production the council's sign-in."""
    production = request.app.state.runtime.settings.environment == "production"
    return "/auth/login" if production else "/login"


def login_redirect(request: Request) -> RedirectResponse:
    target = quote(request.url.path + (f"?{request.url.query}" if request.url.query else ""))
    return RedirectResponse(f"{login_path(request)}?next={target}",
                            status_code=status.HTTP_303_SEE_OTHER)
