"""One webhook per source for systems that push: JSON signed with HMAC-SHA256 over
"<timestamp>.<body>" (shared/signatures.py). A missing or bad signature, a stale timestamp or
a replayed signature is refused with a clear 4xx before anything is read; a body that is
not JSON gets 400; an item that fails its checks is quarantined (422 naming the reasons)."""

from __future__ import annotations

import json

from fastapi import APIRouter, HTTPException, Request, Response, status
from pymongo.errors import DuplicateKeyError

from shared import signatures
from shared.envelope import utc_now
from shared.http import PENDING_RESPONSE, current_correlation_id

router = APIRouter(prefix="/feedback/webhooks", tags=["webhooks"])
NONCES = "webhook_signatures"


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
    try:
        signatures.verify(body, header, secret,
                          tolerance=deps.settings.webhook_tolerance_seconds)
    except signatures.SignatureError as error:
        raise _refused(str(error)) from None
    await _refuse_replay(request, source, header)
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


async def _refuse_replay(request: Request, source: str, header: str) -> None:
    """Each signature is accepted once; entries older than twice the tolerance are pruned
    (FerretDB has no TTL indexes)."""
    deps = request.app.state.deps
    collection = request.app.state.runtime.store.db[NONCES]
    now = utc_now()
    digest = header.split("v1=", 1)[-1]
    try:
        await collection.insert_one({"_id": f"{source}:{digest}", "seen_at": now})
    except DuplicateKeyError:
        raise HTTPException(status.HTTP_409_CONFLICT,
                            detail="replayed request: this signature was already received") \
            from None
    horizon = now.timestamp() - 2 * deps.settings.webhook_tolerance_seconds
    await collection.delete_many({"seen_at": {"$lt": now.fromtimestamp(horizon, now.tzinfo)}})
