"""Moderation outcomes read across months (JSON): the register of outstanding practice and
the auditors' competency records."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, HTTPException, Query, Request

from shared.personal_data.access_log import Reads, records_reads
from shared.auth import Principal, allow
from shared.england_time import england_today

from ...application import reports
from ...application.deps import Deps
from ..deps import get_deps
from ..filters import MonthQuery, is_known, unknown
from ..roles import COMPETENCY_READERS, OWN_RECORD_READERS, REGISTER_READERS

router = APIRouter(prefix="/reports", tags=["moderation outcomes"])
RegisterMonths = Annotated[int, Query(ge=1, le=24, description="Months ending to_month")]


def may_read_record(who: Principal, auditor_id: str) -> None:
    """Anyone may read their own record; only the head of quality and the principal social
    worker read another auditor's (403 saying so)."""
    if who.subject != auditor_id and not who.has_any(frozenset(COMPETENCY_READERS)):
        raise HTTPException(403, detail=(
            f"Only the head of quality and the principal social worker read another "
            f"auditor's competency record: yours is /reports/auditors/{who.subject}"))


async def to_month_or_latest(deps: Deps, to_month: str | None) -> str:
    return to_month or await reports.latest_month(deps, england_today())


async def register_for(request: Request, deps: Deps, *, to_month: str | None, months: int,
                       team: str | None) -> dict:
    if team and not await is_known(request, "team", team):
        raise unknown("team", team)
    return await reports.outstanding_practice(
        deps, to_month=await to_month_or_latest(deps, to_month), months=months, team=team)


@router.get("/outstanding-practice")
async def outstanding_practice(request: Request, to_month: MonthQuery | None = None,
                               months: RegisterMonths = 12, team: str | None = None,
                               _: Principal = Depends(allow(*REGISTER_READERS)),
                               deps: Deps = Depends(get_deps)) -> dict:
    """Good practice the moderators acknowledged, by month (newest first) and team, with
    each note as the moderator wrote it."""
    return await register_for(request, deps, to_month=to_month, months=months, team=team)


@router.get("/auditors")
async def auditors(to_month: MonthQuery | None = None,
                   _: Principal = Depends(allow(*COMPETENCY_READERS)),
                   deps: Deps = Depends(get_deps)) -> dict:
    """Every auditor's record against the audit competencies over 12 months: agreement with
    the moderators, audits on time, the moderators' judgements of evidence and timeliness,
    learning needs named; lowest agreement first."""
    return await reports.auditor_records(deps, to_month=await to_month_or_latest(deps, to_month))


@router.get("/auditors/{auditor_id}")
async def auditor(auditor_id: str, to_month: MonthQuery | None = None,
                  who: Principal = Depends(allow(*OWN_RECORD_READERS)),
                  deps: Deps = Depends(get_deps),
                  reads: Reads = Depends(records_reads)) -> dict:
    """One auditor's record over 12 months, month by month: their own, or any for the head
    of quality and principal social worker."""
    may_read_record(who, auditor_id)
    found = await reports.auditor_record(deps, auditor_id,
                                         to_month=await to_month_or_latest(deps, to_month))
    await reads.staff(who, auditor_id)
    return found
