"""Legal holds as the data protection officer sets and lifts them (pure).

A hold keeps records from retention and a subject from erasure until it is lifted; it is never
deleted, so who set it, why, and who lifted it when, stay on record. Every criterion given
must match a record for the hold to cover it (shared/personal_data/retention.py)."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from pydantic import BaseModel, Field, ValidationError, model_validator

from schemas.retention import LegalHoldLifted, LegalHoldSet, RecordKind
from shared.personal_data.retention import Hold, HoldScope

SUBJECT_KINDS = {"child": "A child, by case reference", "staff": "A member of staff, by id"}


class HoldRefused(Exception):
    """A hold that cannot be set or lifted: 4xx with field-level reasons for people."""

    def __init__(self, errors: dict[str, str], status: int = 422) -> None:
        super().__init__("; ".join(f"{k}: {v}" for k, v in errors.items()))
        self.errors, self.status = errors, status


class HoldRequest(BaseModel):
    subject_kind: str | None = Field(default=None, description="child or staff")
    subject_ref: str | None = Field(default=None, max_length=64,
                                    description="The child's case reference or the person's id")
    team_id: str | None = Field(default=None, max_length=128)
    from_date: date | None = None
    to_date: date | None = None
    record_kind: RecordKind | None = None
    reason: str = Field(max_length=2000)

    @model_validator(mode="after")
    def _blank_is_none(self) -> HoldRequest:
        for name in ("subject_kind", "subject_ref", "team_id"):
            value = getattr(self, name)
            setattr(self, name, value.strip() or None if isinstance(value, str) else value)
        return self


def checked(form: dict[str, Any]) -> HoldRequest:
    """The request, or HoldRefused naming each field that is wrong."""
    try:
        request = HoldRequest.model_validate({k: (v if v != "" else None) if k != "reason"
                                              else v for k, v in form.items()})
    except ValidationError as error:
        raise HoldRefused({str(e["loc"][0]) if e["loc"] else "reason": _words(e)
                           for e in error.errors()}) from None
    errors: dict[str, str] = {}
    if not request.reason.strip():
        errors["reason"] = "Say why the records must be kept (for example the inquiry's order)"
    if request.subject_kind and request.subject_kind not in SUBJECT_KINDS:
        errors["subject_kind"] = "Choose a child or a member of staff"
    if bool(request.subject_kind) != bool(request.subject_ref):
        errors["subject_ref" if request.subject_kind else "subject_kind"] = (
            "Give both whose records they are (child or staff) and their reference")
    if request.from_date and request.to_date and request.from_date > request.to_date:
        errors["to_date"] = "The range must end on or after the day it starts"
    if not (request.subject_ref or request.team_id or request.from_date or request.to_date
            or request.record_kind):
        errors["subject_ref"] = ("Say what the hold covers: a child or member of staff, a "
                                 "team, a date range or a kind of record (or several)")
    if errors:
        raise HoldRefused(errors)
    return request


def _words(error: dict[str, Any]) -> str:
    if error["type"].startswith("date"):
        return "Write the date as YYYY-MM-DD, for example 2026-03-31"
    if error["type"] == "enum":
        return f"Choose one of: {', '.join(k.value for k in RecordKind)}"
    return str(error["msg"])


def subject_of(request: HoldRequest) -> str | None:
    return f"{request.subject_kind}:{request.subject_ref}" if request.subject_ref else None


def new_hold(request: HoldRequest, *, hold_id: str, by: str, at: datetime,
             pseudonym: str | None) -> tuple[dict[str, Any], LegalHoldSet]:
    document = {"_id": hold_id, "hold_id": hold_id, "subject": subject_of(request),
                **request.model_dump(mode="json"), "reason": request.reason.strip(),
                "set_by": by, "set_at": at.isoformat(), "lifted_by": None, "lifted_at": None}
    event = LegalHoldSet(hold_id=hold_id, subject_kind=request.subject_kind,
                         subject_pseudonym=pseudonym, team_id=request.team_id,
                         from_date=request.from_date, to_date=request.to_date,
                         record_kind=request.record_kind, reason=document["reason"],
                         set_by=by, set_at=at)
    return document, event


def lifted(document: dict[str, Any], *, by: str, at: datetime) -> tuple[dict[str, Any],
                                                                         LegalHoldLifted]:
    if document.get("lifted_at"):
        raise HoldRefused({"hold_id": f"This hold was lifted already, by "
                           f"{document['lifted_by']} at {document['lifted_at']}"}, status=409)
    return ({"lifted_by": by, "lifted_at": at.isoformat()},
            LegalHoldLifted(hold_id=document["_id"], lifted_by=by, lifted_at=at))


def as_hold(document: dict[str, Any]) -> Hold:
    return Hold(hold_id=document["_id"], reason=document["reason"], set_by=document["set_by"],
                lifted=bool(document.get("lifted_at")),
                scope=HoldScope(subject=document.get("subject"), team_id=document.get("team_id"),
                                from_date=_date(document.get("from_date")),
                                to_date=_date(document.get("to_date")),
                                record_kind=RecordKind(document["record_kind"])
                                if document.get("record_kind") else None))


def _date(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None
