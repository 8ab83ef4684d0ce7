"""Signed pushes from a source's system: the signature checked (shared/signatures.py), each
signature accepted once (adapters/signatures.py), then the JSON object taken in like any
other raw item. Every refusal is its own exception, so the route can answer each clearly."""

from __future__ import annotations

import json
from collections.abc import Awaitable, Callable

from shared import signatures

from .deps import Deps
from .intake import Receipt, receive


class Unsigned(Exception):
    """Missing, malformed, stale or wrong signature."""


class UnknownSource(Exception):
    pass


class Replayed(Exception):
    pass


class NotAnObject(Exception):
    """The body is not JSON, or not a JSON object."""


async def receive_signed(deps: Deps, source: str, *, header: str | None,
                         body: Callable[[], Awaitable[bytes]], correlation_id: str) -> Receipt:
    """`body` is read only once the header and the source are known to be worth it."""
    if not header:
        raise Unsigned(f"missing {signatures.HEADER} header")
    secret = deps.settings.webhook_secrets.get(source)
    if secret is None:
        raise UnknownSource(f"no webhook for source {source!r}")
    content = await body()
    tolerance = deps.settings.webhook_tolerance_seconds
    try:
        signed_at = signatures.verify(content, header, secret, tolerance=tolerance)
    except signatures.SignatureError as error:
        raise Unsigned(str(error)) from None
    digest = header.split("v1=", 1)[-1]
    if not await deps.signatures.first_time(source, digest, signed_at=signed_at,
                                            tolerance=tolerance, now=deps.clock()):
        raise Replayed("replayed request: this signature was already received")
    try:
        raw = json.loads(content)
    except (UnicodeDecodeError, json.JSONDecodeError):
        raise NotAnObject("the body is not JSON") from None
    if not isinstance(raw, dict):
        raise NotAnObject("the body must be a JSON object")
    return await receive(deps, source, raw, channel="webhook", correlation_id=correlation_id)
