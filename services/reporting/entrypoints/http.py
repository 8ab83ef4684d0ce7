"""HTTP reports (JSON), their exports, and the head of quality's sign-off."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Body, Depends, Path, Query, Request, Response
from pydantic import BaseModel, Field

from schemas.common import MONTH_PATTERN
from shared.auth import Principal, Role, allow
from shared.envelope import utc_now

from ..adapters import exports
from ..adapters.briefing import briefing_for_period
from ..adapters.facts import ACTION_FACTS
from ..domain import names
from ..domain.periods import months_between
from ..domain.sections import is_overdue
from ..domain.tables import BRIEFING_TABLES, rows_table
from .filters import Filters, briefing_period, filters

router = APIRouter(prefix="/reports", tags=["reports"])

BRIEFING_READERS = (Role.DIRECTOR, Role.HEAD_OF_QUALITY, Role.HEAD_OF_SERVICE,
                    Role.PRINCIPAL_SOCIAL_WORKER, Role.PRACTICE_LEARNING_TEAM,
                    Role.PERFORMANCE_TEAM)
# Who may open the list behind a figure (ids and categories, never free text).
DRILL_DOWN = (*BRIEFING_READERS, Role.TEAM_MANAGER)
DRILLABLE = {"audits": (names.AUDITS, "month"), "actions": (names.ACTIONS, "raised_month"),
             "complaints": (names.COMPLAINTS, "month"), "feedback": (names.FEEDBACK, "month"),
             "observations": (names.OBSERVATIONS, "month"),
             "moderations": (names.MODERATIONS, "month"),
             "allocations": (names.ALLOCATIONS, "month")}
Format = Literal["csv", "xlsx"]


async def briefing_for(request: Request, period: str, f: Filters) -> dict:
    """`period`: a month, or a quarter (its three months summed)."""
    return await briefing_for_period(request.app.state.deps.facts, period=period,
                                     today=utc_now().date(), team=f.team, theme=f.theme)


@router.get("/monthly-briefing")
async def get_monthly_briefing(
    request: Request, _: Principal = Depends(allow(*BRIEFING_READERS)),
    period: str = Depends(briefing_period), f: Filters = Depends(filters),
) -> dict:
    """Every figure of the monthly briefing (`month`), or of a quarter's three months summed
    (`quarter`); a period without facts answers zeros and says so."""
    return await briefing_for(request, period, f)


@router.get("/monthly-briefing/tables/{table}.{fmt}")
async def export_briefing_table(
    request: Request, table: Literal[tuple(BRIEFING_TABLES)], fmt: Format,  # type: ignore[valid-type]
    _: Principal = Depends(allow(*BRIEFING_READERS)),
    period: str = Depends(briefing_period), f: Filters = Depends(filters),
) -> Response:
    rows = BRIEFING_TABLES[table](await briefing_for(request, period, f))
    return table_response(rows, f"briefing-{period}-{table}", fmt)


@router.get("/monthly-briefing.pdf")
async def briefing_pdf(
    request: Request, _: Principal = Depends(allow(*BRIEFING_READERS)),
    period: str = Depends(briefing_period), f: Filters = Depends(filters),
) -> Response:
    b = await briefing_for(request, period, f)
    notes = [n for n in [b["note"], signoff_note(b["signoff"], b["quarter"])] if n]
    kind = "Quarterly" if b["quarter"] else "Monthly"
    body = exports.to_pdf(f"{kind} briefing: {period}",
                          [(name.capitalize(), make(b)) for name, make in BRIEFING_TABLES.items()],
                          notes=notes)
    return Response(body, media_type=exports.PDF_TYPE, headers=attachment(f"briefing-{period}.pdf"))


@router.get("/facts/{kind}")
async def drill_down(
    request: Request, kind: Literal[tuple(DRILLABLE)],  # type: ignore[valid-type]
    month: Annotated[str | None, Query(pattern=MONTH_PATTERN.pattern)] = None,
    from_month: Annotated[str | None, Query(
        pattern=MONTH_PATTERN.pattern, description="with month: every month from this one")] = None,
    grade: str | None = None, status: str | None = None, overdue: bool = False,
    fmt: Format | None = None, f: Filters = Depends(filters),
    _: Principal = Depends(allow(*DRILL_DOWN)),
):
    """The list behind a figure: ids and categories only."""
    collection, month_field = DRILLABLE[kind]
    query: dict = {}
    if month:
        query[month_field] = {"$in": months_between(from_month, month)} if from_month else month
    if f.team:
        query["team_id"] = f.team
    if grade:
        query["overall_grade"] = grade
    if status:
        query["status"] = status
    rows = await request.app.state.deps.facts.find(collection, query)
    if overdue:
        today = utc_now().date()
        rows = [r for r in rows if is_overdue(r, today)]
    for row in rows:
        row.pop("as_of", None)
    if fmt:
        return table_response(rows_table(rows), f"{kind}-{month or 'all'}", fmt)
    return rows


@router.get("/actions")
async def list_action_facts(
    request: Request,
    origin_id: str | None = None,
    team_id: str | None = None,
    month: Annotated[str | None, Query(pattern=MONTH_PATTERN.pattern)] = None,
    _: Principal = Depends(allow(*DRILL_DOWN)),
) -> list[dict]:
    """The actions behind a briefing figure (drill-down), overdue first, without free text."""
    criteria = {"origin_id": origin_id, "team_id": team_id, "raised_month": month}
    query = {k: v for k, v in criteria.items() if v is not None}
    rows = await request.app.state.deps.facts.find(ACTION_FACTS, query)
    today = utc_now().date()
    for row in rows:
        row["overdue"] = is_overdue(row, today)
    return sorted(rows, key=lambda r: (not r["overdue"], r["due_date"]))


class SignOff(BaseModel):
    themes: list[Annotated[str, Field(min_length=1, max_length=500)]] = Field(
        default_factory=list, max_length=20)
    outstanding_practice: list[Annotated[str, Field(min_length=1, max_length=128)]] = Field(
        default_factory=list, max_length=20, description="Audit ids to celebrate")
    commentary: str = Field(default="", max_length=20000)


@router.post("/monthly-briefing/{month}/sign-off", status_code=201)
async def sign_off(
    request: Request, response: Response, month: Annotated[str, Path(pattern=MONTH_PATTERN.pattern, examples=["2026-11"])],
    body: Annotated[SignOff, Body()],
    who: Principal = Depends(allow(Role.HEAD_OF_QUALITY)),
) -> dict:
    """The head of quality's qualitative section, signed off (event briefing.signed_off)."""
    result = await request.app.state.deps.signoffs.sign_off(
        month, by=who.subject, themes=body.themes, commentary=body.commentary,
        outstanding_practice=body.outstanding_practice)
    if not result["published"]:
        response.status_code = 202
    return result


def table_response(table, stem: str, fmt: str) -> Response:
    if fmt == "csv":
        return Response(exports.to_csv(table), media_type=exports.CSV_TYPE,
                        headers=attachment(f"{stem}.csv"))
    return Response(exports.to_xlsx(table, sheet=stem), media_type=exports.XLSX_TYPE,
                    headers=attachment(f"{stem}.xlsx"))


def attachment(filename: str) -> dict[str, str]:
    return {"Content-Disposition": f'attachment; filename="{filename}"'}


def signoff_note(signoff: dict | None, quarter: str | None = None) -> str | None:
    if quarter:
        return "The head of quality signs off each month's briefing: open a month to read it."
    if not signoff:
        return "Not yet signed off by the head of quality."
    return (f"Signed off by {signoff['signed_off_by']} on {signoff['signed_off_at'][:10]} "
            f"(revision {signoff['revision']}). Themes: {'; '.join(signoff['themes']) or '-'}. "
            f"{signoff['commentary']}")

