"""Pages of the learning and development programme: every item for everyone to read; for the
head of quality, principal social workers and the practice learning team, forms to add an
item from a finding, theme or outstanding practice, schedule its sessions and record their
delivery and attendance; each item with the attending teams' grades before and after."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends, HTTPException, Request, status
from fastapi.responses import HTMLResponse, RedirectResponse
from pydantic import ValidationError

from shared.auth import Principal, allow

from ...application import development
from ...application.deps import Deps
from ...domain.development import CreateItem, DeliverSession, ScheduleSession
from ...domain.refusals import Locked, Refused
from ..deps import get_deps
from ..roles import DEVELOPMENT_MANAGERS, READERS
from .forms import lines
from .plain_errors import for_people
from .rendering import templates

router = APIRouter(include_in_schema=False)
PROGRAMME = "/learning-and-development"
SOURCE_KINDS = [("finding", "A monthly finding"), ("escalated_theme", "A theme clinics escalated"),
                ("learning_need", "A learning need moderation found"),
                ("good_practice", "Outstanding practice"), ("other", "Other")]
SCOPES = [("service", "The whole service"), ("area", "An area"), ("team", "A team")]


@router.get(PROGRAMME, response_class=HTMLResponse)
async def programme(request: Request, who: Principal = Depends(allow(*READERS)),
                    deps: Deps = Depends(get_deps)) -> HTMLResponse:
    return await _programme_page(request, who, deps, values={}, errors={})


@router.post(PROGRAMME, response_class=HTMLResponse)
async def create(request: Request, who: Principal = Depends(allow(*DEVELOPMENT_MANAGERS)),
                 deps: Deps = Depends(get_deps)):
    form = {k: str(v) for k, v in (await request.form()).items()}
    body = {"title": form.get("title", ""), "scope": form.get("scope", ""),
            "team_id": form.get("team_id") or None, "area": form.get("area") or None,
            "source": {"kind": form.get("source_kind", ""), "ref": form.get("source_ref", ""),
                       "text": form.get("source_text", "")}}
    errors: dict[str, str] = {}
    try:
        made = await development.create(deps, CreateItem.model_validate(body), who)
    except ValidationError as error:
        errors = _item_fields(for_people(error), body)
    except Refused as refusal:
        errors = {refusal.field: str(refusal)}
    if errors:
        return await _programme_page(request, who, deps, values=form, errors=errors,
                                     status_code=422)
    return RedirectResponse(f"{PROGRAMME}/{made['_id']}", status.HTTP_303_SEE_OTHER)


def _item_fields(errors: dict[str, str], body: dict[str, Any]) -> dict[str, str]:
    """The source's fields by their form names; the target's rule on the field it needs."""
    named = {{"kind": "source_kind", "ref": "source_ref", "text": "source_text",
              "source": "source_text"}.get(k, k): m for k, m in errors.items()}
    if "" in named:
        named["team_id" if body["scope"] == "team" else "area"] = named.pop("")
    return named


async def _programme_page(request: Request, who: Principal, deps: Deps, *,
                          values: dict[str, str], errors: dict[str, str],
                          status_code: int = 200) -> HTMLResponse:
    manages = who.has_any(frozenset(DEVELOPMENT_MANAGERS))
    return templates.TemplateResponse(request, "development.html", {
        "principal": who, "items": await development.programme(deps), "v": values,
        "errors": errors, "can_manage": manages, "source_kinds": SOURCE_KINDS, "scopes": SCOPES,
        "sources": await development.sources(deps) if manages else []},
        status_code=status_code)


@router.get(PROGRAMME + "/{item_id}", response_class=HTMLResponse)
async def item(request: Request, item_id: str, who: Principal = Depends(allow(*READERS)),
               deps: Deps = Depends(get_deps)) -> HTMLResponse:
    return await _item_page(request, who, deps, item_id, values={}, errors={})


@router.post(PROGRAMME + "/{item_id}/sessions", response_class=HTMLResponse)
async def schedule(request: Request, item_id: str,
                   who: Principal = Depends(allow(*DEVELOPMENT_MANAGERS)),
                   deps: Deps = Depends(get_deps)):
    form = {k: str(v) for k, v in (await request.form()).items()}
    try:
        command = ScheduleSession.model_validate(
            {k: form[k] for k in ("title", "scheduled_for") if form.get(k)})
        await development.schedule(deps, item_id, command)
    except ValidationError as error:
        return await _item_page(request, who, deps, item_id, values=form,
                                errors=for_people(error), status_code=422)
    return RedirectResponse(f"{PROGRAMME}/{item_id}?done=scheduled", status.HTTP_303_SEE_OTHER)


@router.post(PROGRAMME + "/{item_id}/sessions/{session_id}/delivered",
             response_class=HTMLResponse)
async def deliver(request: Request, item_id: str, session_id: str,
                  who: Principal = Depends(allow(*DEVELOPMENT_MANAGERS)),
                  deps: Deps = Depends(get_deps)):
    form = {k: str(v) for k, v in (await request.form()).items()}
    suffix = f"-{session_id}"
    try:
        command = DeliverSession.model_validate({
            "attendee_ids": lines(form, "attendee_ids" + suffix),
            **({"delivered_on": form["delivered_on" + suffix]}
               if form.get("delivered_on" + suffix) else {})})
        await development.deliver(deps, item_id, session_id, command)
    except ValidationError as error:
        errors = {k + suffix: m for k, m in for_people(error).items()}
    except Refused as refusal:
        errors = {refusal.field.split(".")[0] + suffix: str(refusal)}
    except Locked as refused:
        errors = {"": str(refused)}
    else:
        return RedirectResponse(f"{PROGRAMME}/{item_id}?done=delivered",
                                status.HTTP_303_SEE_OTHER)
    return await _item_page(request, who, deps, item_id, values=form, errors=errors,
                            status_code=409 if "" in errors else 422)


async def _item_page(request: Request, who: Principal, deps: Deps, item_id: str, *,
                     values: dict[str, str], errors: dict[str, str],
                     status_code: int = 200) -> HTMLResponse:
    found = await development.item(deps, item_id)
    if found is None:
        raise HTTPException(status.HTTP_404_NOT_FOUND, detail=f"no programme item {item_id}")
    return templates.TemplateResponse(request, "development_item.html", {
        "principal": who, "item": found, "v": values, "errors": errors,
        "can_manage": who.has_any(frozenset(DEVELOPMENT_MANAGERS)),
        "done": request.query_params.get("done")}, status_code=status_code)
