"""Answers every audit-capture endpoint shares: 201/202 by publication, 422 naming a field,
and an audit found or the reason it cannot be opened (404, 403)."""

from __future__ import annotations

from typing import Any

from fastapi import HTTPException, Response, status

from shared.auth import Principal

from ...application.audits import NotAnAuditorOf, UnknownAudit, open_audit
from ...application.deps import Deps


def recorded(response: Response, published: bool, **body: Any) -> dict[str, Any]:
    """201 once the broker has the events; 202 while they wait in the outbox."""
    if not published:
        response.status_code = status.HTTP_202_ACCEPTED
    return {**body, "published": published}


def invalid(*problems: tuple[list[Any], str]) -> HTTPException:
    """A 422 in FastAPI's own shape, for rules a model alone cannot check."""
    return HTTPException(status.HTTP_422_UNPROCESSABLE_CONTENT, detail=[
        {"loc": ["body", *loc], "msg": msg, "type": "value_error"} for loc, msg in problems])


def not_found(what: str) -> HTTPException:
    return HTTPException(status.HTTP_404_NOT_FOUND, detail=f"no {what}")


def conflict(reason: str) -> HTTPException:
    return HTTPException(status.HTTP_409_CONFLICT, detail=reason)


async def load(deps: Deps, audit_id: str, *, auditor: Principal | None = None) -> dict[str, Any]:
    """The audit, or 404; given `auditor`, 403 unless one of its auditors or the head of
    quality (the pages answer the same way)."""
    try:
        return await open_audit(deps, audit_id, auditor=auditor)
    except UnknownAudit as unknown:
        raise not_found(str(unknown)) from unknown
    except NotAnAuditorOf as refused:
        raise HTTPException(status.HTTP_403_FORBIDDEN, detail=str(refused)) from refused
