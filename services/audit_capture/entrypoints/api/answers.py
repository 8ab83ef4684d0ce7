"""Answers every audit-capture endpoint shares: 201/202 by publication, 422 naming a field."""

from __future__ import annotations

from typing import Any

from fastapi import HTTPException, Request, Response, status

from shared.auth import Role

READERS = (Role.AUDITOR, Role.MODERATOR, Role.HEAD_OF_QUALITY, Role.TEAM_MANAGER,
           Role.HEAD_OF_SERVICE, Role.PRINCIPAL_SOCIAL_WORKER, Role.PRACTICE_LEARNING_TEAM,
           Role.PERFORMANCE_TEAM, Role.DIRECTOR)
PLANNERS = (Role.HEAD_OF_QUALITY, Role.ADMIN)
AUDITORS = (Role.AUDITOR, Role.HEAD_OF_QUALITY)


def deps(request: Request) -> Any:
    return request.app.state.deps


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
