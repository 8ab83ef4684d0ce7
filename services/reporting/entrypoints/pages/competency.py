"""Pages for moderation's outcomes: the register of outstanding practice, every auditor's
competency record (head of quality, principal social worker) and one's own."""

from __future__ import annotations

from fastapi import APIRouter, Depends, HTTPException, Request
from fastapi.responses import HTMLResponse, RedirectResponse

from schemas.audit import AUDIT_COMPETENCIES, JUDGEMENTS
from schemas.common import MONTH_PATTERN
from shared.personal_data.access_log import Reads, records_reads
from shared.auth import Principal, allow

from ...application import reports
from ..api.competency import may_read_record, register_for, to_month_or_latest
from ..deps import get_deps
from ..filters import known_values
from ..roles import COMPETENCY_READERS, OWN_RECORD_READERS, REGISTER_READERS
from .reports import page, refusal

router = APIRouter(include_in_schema=False)
LOOKS = {"competencies": AUDIT_COMPETENCIES, "judgements": JUDGEMENTS}


def month_problem(to_month: str | None) -> str | None:
    if to_month and not MONTH_PATTERN.match(to_month):
        return f"Last month must be written YYYY-MM, like 2026-11, not {to_month!r}."
    return None


@router.get("/outstanding-practice", response_class=HTMLResponse)
async def register_page(request: Request, to_month: str | None = None, team: str | None = None,
                        who: Principal = Depends(allow(*REGISTER_READERS))) -> HTMLResponse:
    deps = get_deps(request)
    team = team or None
    context = {"principal": who, "teams": sorted(await known_values(request, "team")),
               "team": team, "to_month": to_month, "reg": None}
    if problem := month_problem(to_month):
        return page(request, "outstanding_practice.html", context, problem)
    try:
        r = await register_for(request, deps, to_month=to_month, months=12, team=team)
    except HTTPException as error:
        return page(request, "outstanding_practice.html", context, refusal(error))
    return page(request, "outstanding_practice.html",
                {**context, "reg": r, "to_month": r["months"][-1]}, None)


@router.get("/auditors", response_class=HTMLResponse)
async def auditors_page(request: Request, to_month: str | None = None,
                        who: Principal = Depends(allow(*COMPETENCY_READERS))) -> HTMLResponse:
    deps = get_deps(request)
    context = {"principal": who, "to_month": to_month, "rec": None, **LOOKS}
    if problem := month_problem(to_month):
        return page(request, "auditors.html", context, problem)
    r = await reports.auditor_records(deps, to_month=await to_month_or_latest(deps, to_month))
    return page(request, "auditors.html", {**context, "rec": r, "to_month": r["months"][-1]}, None)


@router.get("/my-audit-record")
async def my_record(who: Principal = Depends(allow(*OWN_RECORD_READERS))) -> RedirectResponse:
    return RedirectResponse(f"/auditors/{who.subject}", status_code=303)


@router.get("/auditors/{auditor_id}", response_class=HTMLResponse)
async def auditor_page(request: Request, auditor_id: str, to_month: str | None = None,
                       who: Principal = Depends(allow(*OWN_RECORD_READERS)),
                       reads: Reads = Depends(records_reads)) -> HTMLResponse:
    may_read_record(who, auditor_id)
    deps = get_deps(request)
    context = {"principal": who, "auditor_id": auditor_id, "to_month": to_month, "a": None,
               "own": who.subject == auditor_id, **LOOKS}
    if problem := month_problem(to_month):
        return page(request, "auditor.html", context, problem)
    a = await reports.auditor_record(deps, auditor_id,
                                     to_month=await to_month_or_latest(deps, to_month))
    await reads.staff(who, auditor_id)  # a member of staff's record of their work
    return page(request, "auditor.html", {**context, "a": a, "to_month": a["months"][-1]}, None)
