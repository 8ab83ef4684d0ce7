"""The themes page, for the head of quality (and admin): define a theme with its questions,
edit its title and questions, retire it (kept with the themed audits recorded against it, no
longer offered for new ones) or bring it back. Plain forms; a refusal shows the page again
with the message on its field and what was typed kept."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from fastapi import APIRouter, Depends, Request, status
from fastapi.responses import HTMLResponse, RedirectResponse
from pydantic import ValidationError

from shared.auth import Principal, allow

from ...application.deps import Deps
from ...application.themes import ThemeExists, UnknownTheme, define_new_theme, edit_theme
from ...application.themes import find_theme, reinstate_theme, retire_theme, themes_by_title
from ..deps import get_deps
from ..roles import PLANNERS
from .rendering import templates

router = APIRouter(prefix="/manage-themes", include_in_schema=False)
UNPROCESSABLE = status.HTTP_422_UNPROCESSABLE_CONTENT
DONE = {"defined": "Theme defined.", "edited": "Theme saved.",
        "retired": "Theme retired: it is no longer offered for themed audits.",
        "reinstated": "Theme brought back into use."}


def _lines(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


def theme_errors(error: ValidationError) -> dict[str, str]:
    """The command's refusals on the page's two fields, written for people."""
    found: dict[str, str] = {}
    for e in error.errors():
        field = "title" if e["loc"][:1] == ("title",) else "questions"
        found.setdefault(field, "Write the theme's title" if field == "title"
                         else "Write at least one question, one a line")
    return found


def _done(theme_id: str, what: str) -> RedirectResponse:
    return RedirectResponse(f"/manage-themes?{urlencode({'done': what, 'theme': theme_id})}",
                            status_code=status.HTTP_303_SEE_OTHER)


@router.get("", response_class=HTMLResponse)
async def themes_page(request: Request, who: Principal = Depends(allow(*PLANNERS)),
                      deps: Deps = Depends(get_deps)) -> HTMLResponse:
    return await _list(request, who, deps, values={}, errors={})


@router.post("", response_class=HTMLResponse)
async def define(request: Request, who: Principal = Depends(allow(*PLANNERS)),
                 deps: Deps = Depends(get_deps)):
    form = {k: str(v) for k, v in (await request.form()).items()}
    try:
        theme = await define_new_theme(deps, form.get("title", ""),
                                       _lines(form.get("questions", "")))
    except ValidationError as error:
        return await _list(request, who, deps, values=form, errors=theme_errors(error),
                           status_code=UNPROCESSABLE)
    except ThemeExists as refusal:
        return await _list(request, who, deps, values=form, errors={"title": str(refusal)},
                           status_code=status.HTTP_409_CONFLICT)
    return _done(theme.theme_id, "defined")


@router.get("/{theme_id}", response_class=HTMLResponse)
async def theme_page(theme_id: str, request: Request,
                     who: Principal = Depends(allow(*PLANNERS)),
                     deps: Deps = Depends(get_deps)) -> HTMLResponse:
    theme = await find_theme(deps, theme_id)
    if theme is None:
        return await _list(request, who, deps, values={}, status_code=404,
                           errors={"": f"There is no theme {theme_id}: choose one below."})
    values = {"title": theme["title"],
              "questions": "\n".join(q["text"] for q in theme["questions"])}
    return _edit(request, who, theme, values=values, errors={})


@router.post("/{theme_id}", response_class=HTMLResponse)
async def save(theme_id: str, request: Request, who: Principal = Depends(allow(*PLANNERS)),
               deps: Deps = Depends(get_deps)):
    form = {k: str(v) for k, v in (await request.form()).items()}
    theme = await find_theme(deps, theme_id)
    if theme is None:
        return await _list(request, who, deps, values={}, status_code=404,
                           errors={"": f"There is no theme {theme_id}: choose one below."})
    action = form.get("action", "save")
    if action == "retire":
        await retire_theme(deps, theme_id, who=who)
        return _done(theme_id, "retired")
    if action == "reinstate":
        await reinstate_theme(deps, theme_id)
        return _done(theme_id, "reinstated")
    try:
        await edit_theme(deps, theme_id, form.get("title", ""), _lines(form.get("questions", "")))
    except ValidationError as error:
        return _edit(request, who, theme, values=form, errors=theme_errors(error),
                     status_code=UNPROCESSABLE)
    except UnknownTheme:  # deleted meanwhile: nothing deletes themes, but say so plainly
        return await _list(request, who, deps, values={}, status_code=404,
                           errors={"": f"There is no theme {theme_id}."})
    return _done(theme_id, "edited")


async def _list(request: Request, who: Principal, deps: Deps, *, values: dict[str, str],
                errors: dict[str, str], status_code: int = 200) -> HTMLResponse:
    return templates.TemplateResponse(request, "themes.html", {
        "principal": who, "themes": await themes_by_title(deps), "v": values,
        "errors": errors, "done": DONE.get(request.query_params.get("done", "")),
        "changed": request.query_params.get("theme")}, status_code=status_code)


def _edit(request: Request, who: Principal, theme: dict[str, Any], *, values: dict[str, str],
          errors: dict[str, str], status_code: int = 200) -> HTMLResponse:
    return templates.TemplateResponse(request, "theme.html", {
        "principal": who, "theme": theme, "v": values, "errors": errors},
        status_code=status_code)
