"""Pages: my actions (with my alerts); my team's actions (managers), overdue first, with
alerts arriving live; one action with its history, names instead of ids, and every control
the lifecycle rules allow this person (plain forms, no script): acknowledge, record
progress, complete with evidence, confirm or send back, reassign, agree a new due date,
reopen, cancel. A refusal comes back as the page (4xx) with the reason next to the field and
what was typed kept."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from fastapi import APIRouter, Depends, Request, status
from fastapi.responses import HTMLResponse, RedirectResponse

from shared.auth import Principal, allow
from shared.http import found_or_404
from shared.personal_data.access_log import Reads, records_reads
from shared.store import VersionConflict
from shared.web import page_templates

from ...application import action_lists, actions
from ...application.deps import Deps
from ...domain.changes import BadDueDate, UnknownOwner
from ...domain.lifecycle import IllegalTransition, NotAllowed
from ..deps import get_deps
from ..roles import EVERYONE, MANAGERS, READERS
from . import action_forms
from .action_forms import FIRST_FIELD, STEPS, Unfilled

router = APIRouter(include_in_schema=False)
templates = page_templates(Path(__file__).parents[2] / "templates")
CHANGE_WORDS = {"raised": "raised", "progressed": "recorded progress", "completed": "completed",
                "confirmed": "confirmed completion", "sent_back": "sent back",
                "assigned": "reassigned", "due_date_changed": "agreed a new due date",
                "reopened": "reopened", "cancelled": "cancelled",
                "acknowledged": "acknowledged"}
ORIGIN_WORDS = {"safety_link": "MOMO Safety Link", "safeguarding_concern":
                "safeguarding concern found in an audit"}


@router.get("/", response_class=HTMLResponse)
async def my_actions(request: Request, who: Principal = Depends(allow(*EVERYONE)),
                     deps: Deps = Depends(get_deps), reads: Reads = Depends(records_reads)):
    mine = await action_lists.my_actions(deps, who)
    alerts = await action_lists.my_alerts(deps, who)
    await reads.children(who, _cases_in(alerts))  # an urgent alert names the child
    return templates.TemplateResponse(request, "my_actions.html", {
        "principal": who, "actions": mine, "alerts": alerts,
        "named": await action_lists.named(deps, mine), "is_manager":
        who.has_any(frozenset(MANAGERS))})


@router.get("/team", response_class=HTMLResponse)
async def team_actions(request: Request, who: Principal = Depends(allow(*MANAGERS)),
                       deps: Deps = Depends(get_deps), reads: Reads = Depends(records_reads)):
    team = await action_lists.team_actions(deps, who)
    await reads.children(who, _cases_in(team.alerts))
    return templates.TemplateResponse(request, "team_actions.html", {
        "principal": who, "actions": team.actions, "alerts": team.alerts,
        "named": await action_lists.named(deps, team.actions)})


@router.get("/alert/{alert_id}", response_class=HTMLResponse)
async def alert_item(alert_id: str, request: Request,
                     who: Principal = Depends(allow(*EVERYONE)),
                     deps: Deps = Depends(get_deps), reads: Reads = Depends(records_reads)):
    """One alert as a list item (what, when, team, case if allowed, links, acknowledge):
    the live list asks for it when the alert arrives."""
    alert = found_or_404(await action_lists.alert_for(deps, who, alert_id),
                         f"no alert {alert_id}")
    await reads.children(who, _cases_in([alert]))
    back = request.query_params.get("back")
    return templates.TemplateResponse(request, "alert_item.html", {
        "al": alert, "back": back if back in ("/", "/team") else "/"})


@router.get("/action/{action_id}", response_class=HTMLResponse)
async def action_page(action_id: str, request: Request,
                      who: Principal = Depends(allow(*READERS)),
                      deps: Deps = Depends(get_deps), reads: Reads = Depends(records_reads)):
    action = await _seen(deps, who, action_id)
    await reads.child(who, action.get("case_ref"), record_id=action_id)
    return await _render(request, who, deps, action, done=request.query_params.get("done"))


@router.post("/action/{action_id}/{step}", response_class=HTMLResponse)
async def action_form(action_id: str, step: str, request: Request,
                      who: Principal = Depends(allow(*EVERYONE)),
                      deps: Deps = Depends(get_deps)):
    """Any signed-in person may post: the lifecycle rules decide, and a refusal is shown
    next to the field (403 naming the role needed, 409 for the wrong status, 422)."""
    if step not in STEPS:
        return HTMLResponse("No such change", status_code=status.HTTP_404_NOT_FOUND)
    action = await _seen(deps, who, action_id)
    form = {k: str(v) for k, v in (await request.form()).items()}
    field = FIRST_FIELD[step]
    try:
        filled = action_forms.read(step, form)
        await _apply(deps, action, who, filled)
    except Unfilled as unfilled:
        return await _render(request, who, deps, action, values=form, errors=unfilled.errors,
                             status_code=status.HTTP_422_UNPROCESSABLE_CONTENT)
    except NotAllowed as refused:
        return await _render(request, who, deps, action, values=form,
                             errors={field: _sentence(refused)},
                             status_code=status.HTTP_403_FORBIDDEN)
    except (IllegalTransition, VersionConflict) as refused:
        reason = (_sentence(refused) if isinstance(refused, IllegalTransition) else
                  "Someone changed this action while you were writing: check it and send "
                  "again")
        return await _render(request, who, deps, await _seen(deps, who, action_id),
                             values=form, errors={field: reason},
                             status_code=status.HTTP_409_CONFLICT)
    except (UnknownOwner, BadDueDate) as refused:
        target = "new_owner_id" if isinstance(refused, UnknownOwner) else "due_date"
        return await _render(request, who, deps, action, values=form,
                             errors={target: _sentence(refused)},
                             status_code=status.HTTP_422_UNPROCESSABLE_CONTENT)
    back = request.query_params.get("back")
    if back in ("/", "/team"):  # acknowledged from an alert: back to the list it was on
        return RedirectResponse(back, status.HTTP_303_SEE_OTHER)
    return RedirectResponse(f"/action/{action_id}?done={step}", status.HTTP_303_SEE_OTHER)


async def _apply(deps: Deps, action: dict[str, Any], who: Principal,
                 filled: action_forms.Filled) -> None:
    v = filled.values
    if filled.change == "assigned":
        await actions.assign(deps, action, who, v["new_owner_id"], v["reassign_reason"] or None)
    elif filled.change == "rescheduled":
        assert filled.due is not None
        await actions.change_due_date(deps, action, who, filled.due, v["due_reason"])
    else:
        note = (v.get("progress_note") or v.get("confirm_note") or v.get("sendback_reason")
                or v.get("reopen_reason") or v.get("cancel_reason") or None)
        evidence = v.get("completion_evidence") or v.get("progress_evidence") or None
        await actions.change(deps, action, who, filled.change, note=note, evidence=evidence)


async def _seen(deps: Deps, who: Principal, action_id: str) -> dict[str, Any]:
    return found_or_404(await actions.seen(deps, who, action_id), f"no action {action_id}")


async def _render(request: Request, who: Principal, deps: Deps, action: dict[str, Any], *,
                  values: dict[str, str] | None = None, errors: dict[str, str] | None = None,
                  done: str | None = None, status_code: int = 200) -> HTMLResponse:
    view = await actions.page(deps, who, action)
    urls = request.app.state.runtime.settings.service_urls
    record = action_lists.RECORDS.get(action["origin"]["kind"])
    return templates.TemplateResponse(request, "action.html", {
        "principal": who, "action": action, "view": view, "v": values or {},
        "errors": errors or {}, "done": done if done in STEPS else None,
        "change_words": CHANGE_WORDS, "origin_words": ORIGIN_WORDS,
        "record": (urls.get(record[0], "") + record[1].format(id=action["origin"]["id"]),
                   record[2]) if record else None,
    }, status_code=status_code)


def _cases_in(alerts: list[dict[str, Any]]) -> list[tuple[str | None, str | None]]:
    """(case reference, action id) of each alert whose action names the child shown."""
    return [((al.get("action") or {}).get("case_ref"), (al.get("action") or {}).get("_id"))
            for al in alerts]


def _sentence(error: Exception) -> str:
    text = str(error)
    return text[:1].upper() + text[1:] + ("" if text.endswith(".") else ".")
