"""HMAC-SHA256 signatures for webhooks, in and out: `X-QA-Signature: t=<unix>,v1=<hex>`.

The signed text is "<timestamp>.<raw body>", so a captured body cannot be replayed with a
new timestamp, and a stale timestamp is refused (replays within the tolerance are caught
by the receiver's own idempotency: the same source id is never a new item).
"""

from __future__ import annotations

import hashlib
import hmac
import time

HEADER = "X-QA-Signature"
DEFAULT_TOLERANCE_SECONDS = 300
MALFORMED = "malformed signature header; expected t=<unix>,v1=<hex>"


class SignatureError(Exception):
    pass


def sign(body: bytes, secret: str, *, timestamp: int | None = None) -> str:
    stamp = int(time.time()) if timestamp is None else timestamp
    digest = hmac.new(secret.encode(), f"{stamp}.".encode() + body, hashlib.sha256).hexdigest()
    return f"t={stamp},v1={digest}"


def verify(body: bytes, header: str | None, secret: str, *,
           tolerance: int = DEFAULT_TOLERANCE_SECONDS, now: float | None = None) -> int:
    """Return the signed timestamp, or raise SignatureError saying what is wrong."""
    if not header:
        raise SignatureError(f"missing {HEADER} header")
    parts = dict(p.split("=", 1) for p in header.split(",") if "=" in p)
    try:
        stamp = int(parts["t"])
        given = parts["v1"]
    except (KeyError, ValueError) as error:
        raise SignatureError(MALFORMED) from error
    if not 0 <= stamp < 2**53:  # and so no OverflowError subtracting it from a float
        raise SignatureError(MALFORMED)
    current = time.time() if now is None else now
    if abs(current - stamp) > tolerance:
        raise SignatureError("stale signature timestamp")
    expected = sign(body, secret, timestamp=stamp).split("v1=", 1)[1]
    # As bytes: compare_digest refuses a str with non-ASCII characters (TypeError, a 500).
    if not hmac.compare_digest(expected.encode(), given.encode("utf-8", "replace")):
        raise SignatureError("signature does not match the body")
    return stamp
