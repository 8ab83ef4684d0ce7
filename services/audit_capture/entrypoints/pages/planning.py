"""Pages for the head of quality: plan the year, then per month import the case list, draw
the sample and allocate cases (the moderation sample is drawn in moderation.py). Plain
forms (no JavaScript), every field labelled; the rules are the API's own
(application/programme.py, application/allocations.py), refusals shown on the field with
what was typed."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Request, status
from fastapi.responses import HTMLResponse, RedirectResponse
from pydantic import ValidationError

from shared.auth import Principal, allow
from shared.england_time import england_month

from ...application.allocations import record_allocation
from ...application.deps import Deps
from ...application.programme import MonthNotPlanned, month_plan, planned_month, planned_months
from ...application.programme import record_cases, record_plan, record_sample
from ...domain.allocation import AllocateCase, AllocationRefused
from ...domain.programme import PlanProgramme
from ...domain.selection import DrawSample, parse_cases
from ..api.programme import MonthPath
from ..deps import get_deps
from ..roles import PLANNERS
from .planning_forms import THEMES, FormProblem, allocation_from_form, form_errors
from .planning_forms import plan_from_form, sample_from_form
from .rendering import templates

router = APIRouter(prefix="/planning", include_in_schema=False)
INVALID = status.HTTP_422_UNPROCESSABLE_CONTENT


async def _form(request: Request) -> dict[str, str]:
    return {k: str(v) for k, v in (await request.form()).items()}


def _done(month: str, what: str) -> RedirectResponse:
    return RedirectResponse(f"/planning/{month}?done={what}", status_code=status.HTTP_303_SEE_OTHER)


@router.get("", response_class=HTMLResponse)
async def plan_page(request: Request, who: Principal = Depends(allow(*PLANNERS)),
                    deps: Deps = Depends(get_deps)):
    return await _plan(request, who, deps, values={}, errors={})


@router.post("", response_class=HTMLResponse)
async def post_plan(request: Request, who: Principal = Depends(allow(*PLANNERS)),
                    deps: Deps = Depends(get_deps)):
    form = await _form(request)
    try:
        command = PlanProgramme.model_validate(plan_from_form(form))
    except ValidationError as error:
        errors = form_errors(error, renames={"themes": "theme_1"})
        return await _plan(request, who, deps, values=form, errors=errors, status_code=INVALID)
    await record_plan(deps, command, who=who)
    return _done(command.first_month, "planned")


@router.get("/{month}", response_class=HTMLResponse)
async def month_page(month: MonthPath, request: Request,
                     who: Principal = Depends(allow(*PLANNERS)), deps: Deps = Depends(get_deps)):
    return await render_month(request, who, deps, month, values={}, errors={})


@router.post("/{month}/cases", response_class=HTMLResponse)
async def post_cases(month: MonthPath, request: Request,
                     who: Principal = Depends(allow(*PLANNERS)), deps: Deps = Depends(get_deps)):
    form = await _form(request)
    rows, problems = parse_cases(form.get("cases_csv", ""))
    if problems:
        message = "; ".join(f"{' '.join(map(str, loc))}: {msg}" for loc, msg in problems[:5])
        return await render_month(request, who, deps, month, values=form,
                                  errors={"cases_csv": message}, status_code=INVALID)
    await record_cases(deps, month, rows, who=who)
    return _done(month, "cases")


@router.post("/{month}/sample", response_class=HTMLResponse)
async def post_sample(month: MonthPath, request: Request,
                      who: Principal = Depends(allow(*PLANNERS)), deps: Deps = Depends(get_deps)):
    form = await _form(request)
    try:
        command = DrawSample.model_validate(sample_from_form(form))
    except FormProblem as problem:
        return await render_month(request, who, deps, month, values=form,
                                  errors={problem.field: str(problem)}, status_code=INVALID)
    except ValidationError as error:
        return await render_month(request, who, deps, month, values=form,
                                  errors=form_errors(error), status_code=INVALID)
    await record_sample(deps, month, command, who=who)
    return _done(month, "sample")


@router.post("/{month}/allocations", response_class=HTMLResponse)
async def post_allocation(month: MonthPath, request: Request,
                          who: Principal = Depends(allow(*PLANNERS)),
                          deps: Deps = Depends(get_deps)):
    form = await _form(request)
    planned = await planned_month(deps, month)
    try:
        command = AllocateCase.model_validate(allocation_from_form(form, planned.get("sample")
                                                                   or []))
        await record_allocation(deps, month, command, who=who)
    except FormProblem as problem:
        return await render_month(request, who, deps, month, values=form,
                                  errors={problem.field: str(problem)}, status_code=INVALID)
    except ValidationError as error:
        errors = form_errors(error, renames={"auditor_ids": "auditor_1"})
        return await render_month(request, who, deps, month, values=form, errors=errors,
                                  status_code=INVALID)
    except AllocationRefused as refused:
        field = {"auditor_ids": "auditor_1"}.get(refused.field, refused.field)
        answer = status.HTTP_409_CONFLICT if refused.conflict else INVALID
        return await render_month(request, who, deps, month, values=form,
                                  errors={field: str(refused)}, status_code=answer)
    return _done(month, "allocated")


async def _plan(request: Request, who: Principal, deps: Deps, *, values: dict[str, str],
                errors: dict[str, str], status_code: int = 200) -> HTMLResponse:
    return templates.TemplateResponse(request, "planning.html", {
        "principal": who, "v": values, "errors": errors, "themes": THEMES,
        "planned": await planned_months(deps),
        "this_month": england_month()}, status_code=status_code)


async def render_month(request: Request, who: Principal, deps: Deps, month: str, *,
                       values: dict[str, str], errors: dict[str, str],
                       status_code: int = 200) -> HTMLResponse:
    try:
        shown = await month_plan(deps, month)
    except MonthNotPlanned as missing:
        return templates.TemplateResponse(request, "planning_missing.html", {
            "principal": who, "message": str(missing)}, status_code=status.HTTP_404_NOT_FOUND)
    sampled = set(shown.planned.get("moderation_sample") or [])
    return templates.TemplateResponse(request, "planning_month.html", {
        "principal": who, "month": month, "planned": shown.planned, "group": shown.group,
        "allocations": [a for a in shown.audits if a.get("allocation_id")],
        "submitted": sum(1 for a in shown.audits if a["status"] == "submitted"),
        "moderation_sample": [a for a in shown.audits if a["_id"] in sampled],
        "v": values, "errors": errors,
        "done": request.query_params.get("done")}, status_code=status_code)
