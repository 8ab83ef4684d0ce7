"""Pages: my actions; my team's actions (managers), overdue first, with alerts arriving
live; one action with its history; confirming a completion (a plain form, no script)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

from fastapi import APIRouter, Depends, Form, HTTPException, Request, status
from fastapi.responses import HTMLResponse, RedirectResponse

from shared.http import found_or_404
from shared.auth import Principal, Role, allow
from shared.web import page_templates

from ...domain.lifecycle import IllegalTransition, NotAllowed
from ..api.alerts import viewer_for
from ..api.actions import CONFIRMERS, MANAGERS, READERS

router = APIRouter(include_in_schema=False)
templates = page_templates(Path(__file__).parents[2] / "templates")
EVERYONE = tuple(Role)
LIVE = ["open", "in_progress", "completed"]


async def _with_overdue(request: Request, actions: list[dict]) -> list[dict]:
    deps = request.app.state.deps
    overdue = await deps.deadlines.overdue_ids("action", deps.clock.now())
    for action in actions:
        action["overdue"] = action["_id"] in overdue
    return sorted(actions, key=lambda a: (not a["overdue"], a["due_date"]))


@router.get("/", response_class=HTMLResponse)
async def my_actions(request: Request, who: Principal = Depends(allow(*EVERYONE))):
    actions = await request.app.state.deps.actions.find(owner_id=who.subject,
                                                        status={"$in": LIVE})
    return templates.TemplateResponse(request, "my_actions.html", {
        "principal": who, "actions": await _with_overdue(request, actions),
        "is_manager": who.has_any(frozenset(MANAGERS))})


@router.get("/team", response_class=HTMLResponse)
async def team_actions(request: Request, who: Principal = Depends(allow(*MANAGERS))):
    deps = request.app.state.deps
    viewer = await viewer_for(who, deps.directory)
    actions = await deps.actions.find(**viewer.team_query(status={"$in": LIVE}))
    return templates.TemplateResponse(request, "team_actions.html", {
        "principal": who, "actions": await _with_overdue(request, actions),
        "alerts": await deps.alerts.recent(viewer.team_query(), limit=10)})


@router.get("/action/{action_id}", response_class=HTMLResponse)
async def action_page(action_id: str, request: Request,
                      who: Principal = Depends(allow(*READERS))):
    action = found_or_404(await request.app.state.deps.actions.get(action_id), f"no action {action_id}")
    can_confirm = action["status"] == "completed" and who.has_any(frozenset(CONFIRMERS))
    return templates.TemplateResponse(request, "action.html", {
        "principal": who, "action": action, "can_confirm": can_confirm,
        "error": request.query_params.get("error")})


@router.post("/action/{action_id}/confirm")
async def confirm_form(action_id: str, request: Request,
                       note: Annotated[str, Form(max_length=4000)] = "",
                       who: Principal = Depends(allow(*CONFIRMERS))):
    deps = request.app.state.deps
    action = found_or_404(await deps.actions.collection.find_one({"_id": action_id}), f"no action {action_id}")
    target = f"/action/{action_id}"
    try:
        await deps.lifecycle.change(action, who, "confirmed", note=note or None)
    except (IllegalTransition, NotAllowed) as error:
        target += "?error=" + str(error).replace(" ", "+")
    return RedirectResponse(target, status_code=status.HTTP_303_SEE_OTHER)
