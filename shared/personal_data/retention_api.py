"""The retention endpoint every service mounts: data protection's daily job (or its dry run)
asks each service to apply the schedule to what it keeps, sending the legal holds in force
with the request, so a service never sweeps with a view of the holds older than the job's."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from typing import Any

from fastapi import APIRouter, Depends, Request
from pydantic import BaseModel, Field

from shared.auth import Role, allow

from .erasure_api import Kind, Reference
from .retention import Hold, HoldScope, RecordKind
from .retention_sweep import RetainedCollection, apply_retention
from .subject_holds import holds_on_subject


class HoldIn(BaseModel):
    hold_id: str = Field(min_length=1, max_length=128)
    subject: str | None = Field(default=None, max_length=200,
                                description="child:<case reference> or staff:<person id>")
    team_id: str | None = Field(default=None, max_length=128)
    from_date: date | None = None
    to_date: date | None = None
    record_kind: RecordKind | None = None
    reason: str = Field(default="", max_length=2000)
    set_by: str = Field(default="", max_length=128)

    def hold(self) -> Hold:
        return Hold(hold_id=self.hold_id, reason=self.reason, set_by=self.set_by,
                    scope=HoldScope(subject=self.subject, team_id=self.team_id,
                                    from_date=self.from_date, to_date=self.to_date,
                                    record_kind=self.record_kind))


class HoldsQuestion(BaseModel):
    holds: list[HoldIn] = Field(default_factory=list, max_length=10_000)


class RetentionRequest(BaseModel):
    run_id: str = Field(min_length=1, max_length=128)
    today: date
    dry_run: bool = True
    holds: list[HoldIn] = Field(default_factory=list, max_length=10_000)


def retention_router(declared: Sequence[RetainedCollection], *,
                     physical: Callable[[Any], Callable[[str], Any]] | None = None) -> APIRouter:
    """`physical(app)`, if given, names a declared collection's current physical collection
    (reporting's generations), as for the erasure router."""
    router = APIRouter(prefix="/personal-data", tags=["personal data"])

    @router.post("/retention")
    async def apply_schedule(
        body: RetentionRequest, request: Request,
        _: Any = Depends(allow(Role.DATA_PROTECTION_OFFICER)),
    ) -> dict[str, Any]:
        """Apply the retention schedule to this service's records (or, in a dry run, list
        what it would do): counts and record ids by kind; never a name or case reference."""
        runtime = request.app.state.runtime
        outcome = await apply_retention(
            runtime.store.db, declared, schedule=runtime.retention,
            holds=[h.hold() for h in body.holds], today=body.today, dry_run=body.dry_run,
            physical=physical(request.app) if physical else None)
        return {"run_id": body.run_id, "service": runtime.settings.service_name,
                "dry_run": body.dry_run, "today": body.today.isoformat(),
                "kinds": {kind: o.as_dict() for kind, o in outcome.items()}}

    @router.post("/subjects/{kind}/{reference}/holds")
    async def holds_on(
        kind: Kind, body: HoldsQuestion, request: Request, reference: str = Reference,
        _: Any = Depends(allow(Role.DATA_PROTECTION_OFFICER)),
    ) -> dict[str, Any]:
        """Which of these holds cover the subject's records here, and how many records each
        (an erasure is refused while any does); changes nothing."""
        runtime = request.app.state.runtime
        covered = await holds_on_subject(
            runtime.store.db, declared, schedule=runtime.retention,
            holds=[h.hold() for h in body.holds], kind=kind, reference=reference.strip(),
            physical=physical(request.app) if physical else None)
        return {"service": runtime.settings.service_name, "held_by": covered}

    return router
