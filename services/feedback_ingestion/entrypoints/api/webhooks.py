"""One webhook per source for systems that push: JSON signed with HMAC-SHA256 over
"<timestamp>.<body>" (shared/signatures.py). A missing or bad signature, a stale timestamp or
a replayed signature is refused with a clear 4xx before the content is looked at; a body that
is not JSON gets 400; an item that fails its checks is quarantined (422 naming the reasons)."""

from __future__ import annotations

from fastapi import APIRouter, Depends, HTTPException, Request, Response, status

from shared import signatures
from shared.http import PENDING_RESPONSE, current_correlation_id

from ...application.deps import Deps
from ...application.webhooks import NotAnObject, Replayed, UnknownSource, Unsigned
from ...application.webhooks import receive_signed as receive
from ..deps import get_deps

router = APIRouter(prefix="/feedback/webhooks", tags=["webhooks"])


@router.post("/{source}", responses={**PENDING_RESPONSE,
             401: {"description": "Missing, malformed, stale or wrong signature"},
             409: {"description": "This signed request was already received (replay)"},
             400: {"description": "The body is not a JSON object"},
             422: {"description": "The item failed its checks: quarantined, with reasons"}})
async def receive_signed(source: str, request: Request, response: Response,
                         deps: Deps = Depends(get_deps)) -> dict:
    """Authenticated by the `X-QA-Signature` header (`t=<unix>,v1=<hex>`), not a token."""
    try:
        receipt = await receive(deps, source, header=request.headers.get(signatures.HEADER),
                                body=request.body, correlation_id=current_correlation_id())
    except Unsigned as refused:
        raise HTTPException(status.HTTP_401_UNAUTHORIZED, detail=str(refused), headers={
            "WWW-Authenticate": f'Signature header="{signatures.HEADER}"'}) from None
    except UnknownSource as unknown:
        raise HTTPException(status.HTTP_404_NOT_FOUND, detail=str(unknown)) from None
    except Replayed as replayed:
        raise HTTPException(status.HTTP_409_CONFLICT, detail=str(replayed)) from None
    except NotAnObject as bad:
        raise HTTPException(status.HTTP_400_BAD_REQUEST, detail=str(bad)) from None
    if receipt.outcome == "quarantined":
        response.status_code = status.HTTP_422_UNPROCESSABLE_CONTENT
    elif not receipt.published:
        response.status_code = status.HTTP_202_ACCEPTED
    elif receipt.outcome == "accepted":
        response.status_code = status.HTTP_201_CREATED
    return receipt.public()
