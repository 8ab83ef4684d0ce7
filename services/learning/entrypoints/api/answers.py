"""How the API answers: a refused field as 422 (the same shape as FastAPI's own), a locked
state as 409 saying what to do, a person not allowed as 403; a write as 201/200 once
published, 202 when the broker was down (its events wait in the outbox)."""

from __future__ import annotations

from collections.abc import Awaitable
from typing import Any, TypeVar

from fastapi import HTTPException, Response, status
from fastapi.exceptions import RequestValidationError

from ...domain.refusals import Locked, NotAllowed, Refused

T = TypeVar("T")


def field_error(field: str, message: str) -> RequestValidationError:
    loc = ("body", *[int(p) if p.isdigit() else p for p in field.split(".")])
    return RequestValidationError([{"type": "value_error", "loc": loc, "msg": message,
                                    "input": None}])


async def refusals_answered(work: Awaitable[T]) -> T:
    try:
        return await work
    except Refused as error:
        raise field_error(error.field, str(error)) from error
    except Locked as error:
        raise HTTPException(status.HTTP_409_CONFLICT, detail=str(error)) from error
    except NotAllowed as error:
        raise HTTPException(status.HTTP_403_FORBIDDEN, detail=str(error)) from error


def answered(response: Response, published: bool, body: dict[str, Any], *,
             created: bool = False) -> dict[str, Any]:
    done = status.HTTP_201_CREATED if created else status.HTTP_200_OK
    response.status_code = done if published else status.HTTP_202_ACCEPTED
    return {**body, "published": published}
