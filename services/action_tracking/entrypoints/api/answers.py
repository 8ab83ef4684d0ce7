"""How the API answers: a refused field as 422 (the same shape as FastAPI's own), and a
change as 200 once published or 202 when the broker was down (its events wait in the
outbox)."""

from __future__ import annotations

from typing import Any

from fastapi import Response, status
from fastapi.exceptions import RequestValidationError


def field_error(field: str, message: str) -> RequestValidationError:
    return RequestValidationError([{"type": "value_error", "loc": ("body", field),
                                    "msg": message, "input": None}])


def answered(response: Response, published: bool, body: dict[str, Any]) -> dict[str, Any]:
    response.status_code = status.HTTP_200_OK if published else status.HTTP_202_ACCEPTED
    return {**body, "published": published}
