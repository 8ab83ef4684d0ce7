"""Governance: the quarterly report to the Joint Leadership Team from the QA Forum's
decisions, and the quarter's findings and actions exported for the improvement plan, the
partnership plan and the safeguarding partnership (as an event other systems consume, and
as a PDF)."""

from __future__ import annotations

import uuid
from typing import Any

from schemas.learning import MeetingKind
from shared.auth import Principal
from shared.http import current_correlation_id

from ..domain.governance import ExportPlan, decide_export, jlt_report, plan_items, quarter_span
from . import themes as escalated_themes
from .deps import Deps


async def jlt(deps: Deps, quarter: str) -> dict[str, Any]:
    first, last, months = quarter_span(quarter)
    forums = await deps.meetings.held_between(MeetingKind.QA_FORUM.value, first.isoformat(),
                                              last.isoformat())
    actions = {f["_id"]: await deps.meeting_actions.of_meeting(f["_id"]) for f in forums}
    themes = {t["key"]: t for t in await escalated_themes.escalated(deps)}
    findings = [s for s in [await deps.findings.get(m) for m in months] if s]
    return jlt_report(quarter, forums, actions, themes, findings)


async def export(deps: Deps, command: ExportPlan, who: Principal) -> tuple[dict[str, Any], bool]:
    first, last, _ = quarter_span(command.quarter)
    report = await jlt(deps, command.quarter)
    reviews = await deps.meetings.held_between(MeetingKind.MULTI_AGENCY_AUDIT_REVIEW.value,
                                               first.isoformat(), last.isoformat())
    span = (first.isoformat(), last.isoformat())
    themes = {t["key"]: t for t in await escalated_themes.escalated(deps)
              if _within(t.get("escalated_on"), span) or _within(t.get("answered_on"), span)}
    event = decide_export(command, plan_items(command.plan, report, reviews, themes),
                          export_id=str(uuid.uuid4()), by=who.subject, now=deps.clock.now())
    document = {"_id": event.export_id, **event.model_dump(mode="json")}
    published = await deps.exports.create(document, [event],
                                          correlation_id=current_correlation_id())
    return document, published


async def get_export(deps: Deps, export_id: str) -> dict[str, Any] | None:
    return await deps.exports.get(export_id)


async def exports_of(deps: Deps, quarter: str) -> list[dict[str, Any]]:
    return await deps.exports.of_quarter(quarter)


def _within(day: str | None, span: tuple[str, str]) -> bool:
    return day is not None and span[0] <= day <= span[1]
