"""One webhook per source for systems that push: JSON signed with HMAC-SHA256 over
"<timestamp>.<body>" (shared/signatures.py). A missing or bad signature, a stale timestamp or
a replayed signature (adapters/signatures.py) is refused with a clear 4xx before anything is
read; a body that is not JSON gets 400; an item that fails its checks is quarantined (422
naming the reasons)."""

from __future__ import annotations

import json

from fastapi import APIRouter, HTTPException, Request, Response, status

from shared import signatures
from shared.envelope import utc_now
from shared.http import PENDING_RESPONSE, current_correlation_id

router = APIRouter(prefix="/feedback/webhooks", tags=["webhooks"])


def _refused(reason: str) -> HTTPException:
    return HTTPException(status.HTTP_401_UNAUTHORIZED, detail=reason,
                         headers={"WWW-Authenticate": f'Signature header="{signatures.HEADER}"'})


@router.post("/{source}", responses={**PENDING_RESPONSE,
             401: {"description": "Missing, malformed, stale or wrong signature"},
             409: {"description": "This signed request was already received (replay)"},
             400: {"description": "The body is not a JSON object"},
             422: {"description": "The item failed its checks: quarantined, with reasons"}})
async def receive_signed(source: str, request: Request, response: Response) -> dict:
    """Authenticated by the `X-QA-Signature` header (`t=<unix>,v1=<hex>`), not a token."""
    deps = request.app.state.deps
    header = request.headers.get(signatures.HEADER)
    if not header:
        raise _refused(f"missing {signatures.HEADER} header")
    secret = deps.settings.webhook_secrets.get(source)
    if secret is None:
        raise HTTPException(status.HTTP_404_NOT_FOUND, detail=f"no webhook for source {source!r}")
    body = await request.body()
    tolerance = deps.settings.webhook_tolerance_seconds
    try:
        signed_at = signatures.verify(body, header, secret, tolerance=tolerance)
    except signatures.SignatureError as error:
        raise _refused(str(error)) from None
    digest = header.split("v1=", 1)[-1]
    if not await deps.signatures.first_time(source, digest, signed_at=signed_at,
                                            tolerance=tolerance, now=utc_now()):
        raise HTTPException(status.HTTP_409_CONFLICT,
                            detail="replayed request: this signature was already received")
    try:
        raw = json.loads(body)
    except (UnicodeDecodeError, json.JSONDecodeError):
        raise HTTPException(status.HTTP_400_BAD_REQUEST, detail="the body is not JSON") from None
    if not isinstance(raw, dict):
        raise HTTPException(status.HTTP_400_BAD_REQUEST, detail="the body must be a JSON object")
    receipt = await deps.intake.receive(source, raw, channel="webhook",
                                        correlation_id=current_correlation_id())
    if receipt.outcome == "quarantined":
        response.status_code = status.HTTP_422_UNPROCESSABLE_CONTENT
    elif not receipt.published:
        response.status_code = status.HTTP_202_ACCEPTED
    elif receipt.outcome == "accepted":
        response.status_code = status.HTTP_201_CREATED
    return receipt.public()

