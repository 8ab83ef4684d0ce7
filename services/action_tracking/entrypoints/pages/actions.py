"""Pages: my actions; my team's actions (managers), overdue first, with alerts arriving
live; one action with its history; confirming a completion (a plain form, no script)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

from fastapi import APIRouter, Depends, Form, Request, status
from fastapi.responses import HTMLResponse, RedirectResponse

from shared.auth import Principal, allow
from shared.http import found_or_404
from shared.web import page_templates

from ...application import action_lists, actions
from ...application.deps import Deps
from ...domain.lifecycle import IllegalTransition, NotAllowed
from ..deps import get_deps
from ..roles import CONFIRMERS, EVERYONE, MANAGERS, READERS

router = APIRouter(include_in_schema=False)
templates = page_templates(Path(__file__).parents[2] / "templates")


@router.get("/", response_class=HTMLResponse)
async def my_actions(request: Request, who: Principal = Depends(allow(*EVERYONE)),
                     deps: Deps = Depends(get_deps)):
    return templates.TemplateResponse(request, "my_actions.html", {
        "principal": who, "actions": await action_lists.my_actions(deps, who),
        "is_manager": who.has_any(frozenset(MANAGERS))})


@router.get("/team", response_class=HTMLResponse)
async def team_actions(request: Request, who: Principal = Depends(allow(*MANAGERS)),
                       deps: Deps = Depends(get_deps)):
    team = await action_lists.team_actions(deps, who)
    return templates.TemplateResponse(request, "team_actions.html", {
        "principal": who, "actions": team.actions, "alerts": team.alerts})


@router.get("/action/{action_id}", response_class=HTMLResponse)
async def action_page(action_id: str, request: Request,
                      who: Principal = Depends(allow(*READERS)),
                      deps: Deps = Depends(get_deps)):
    action = found_or_404(await actions.seen(deps, who, action_id), f"no action {action_id}")
    can_confirm = action["status"] == "completed" and who.has_any(frozenset(CONFIRMERS))
    return templates.TemplateResponse(request, "action.html", {
        "principal": who, "action": action, "can_confirm": can_confirm,
        "error": request.query_params.get("error")})


@router.post("/action/{action_id}/confirm")
async def confirm_form(action_id: str, note: Annotated[str, Form(max_length=4000)] = "",
                       who: Principal = Depends(allow(*CONFIRMERS)),
                       deps: Deps = Depends(get_deps)):
    action = found_or_404(await actions.get(deps, action_id), f"no action {action_id}")
    target = f"/action/{action_id}"
    try:
        await actions.change(deps, action, who, "confirmed", note=note or None)
    except (IllegalTransition, NotAllowed) as error:
        target += "?error=" + str(error).replace(" ", "+")
    return RedirectResponse(target, status_code=status.HTTP_303_SEE_OTHER)
