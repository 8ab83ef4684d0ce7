"""Themed, dip-sample and multi-agency audit results beside the monthly findings: kept from
`audit.themed_recorded` and added up by month (shared/themed_results.py, as reporting's packs
add them up)."""

from __future__ import annotations

from typing import Any

from schemas.audit import ThemedAuditRecorded
from shared.envelope import Envelope
from shared.themed_results import questions_answered, themed_results

from .deps import Deps


async def on_themed_recorded(deps: Deps, event: ThemedAuditRecorded, envelope: Envelope) -> None:
    await deps.themed_results.recorded(event.themed_audit_id, {
        "theme_id": event.theme_id, "theme": event.theme_title, "month": event.month,
        "team_id": event.team_id, "questions": questions_answered(event.answers),
        "multi_agency": bool(event.partner_agencies), "dip_sample_id": event.dip_sample_id})


async def of_month(deps: Deps, month: str) -> dict[str, Any]:
    return themed_results(await deps.themed_results.of_month(month))
