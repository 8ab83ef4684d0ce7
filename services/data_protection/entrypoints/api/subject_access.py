"""Subject access requests for the data protection officer alone (403 for everyone else):
record one with its due date, move it on, gather its bundle from every service, open the
bundle as JSON or PDF (each opening is a read of the subject, in the access log)."""

from __future__ import annotations

from datetime import date
from typing import Any, Literal

from fastapi import APIRouter, Depends, HTTPException, Query, Request, status
from fastapi.encoders import jsonable_encoder
from fastapi.responses import Response
from pydantic import BaseModel, Field

from shared.auth import Principal, allow
from shared.auth.dependencies import COOKIE
from shared.england_time import england_day
from shared.personal_data.access_log import Reads, records_reads

from ...application.deps import Deps
from ...application.subject_access import ServiceDidNotAnswer, UnknownRequest, gather_bundle
from ...application.subject_access import move_on, open_bundle, open_request, record_request
from ...application.subject_access import review_item
from ...domain.bundle_review import NotYetDecided, ReviewRefused, release_copy
from ...domain.subject_access import Progress, StepRefused
from ..deps import get_deps
from ..roles import OFFICERS
from .bundle_pdf import bundle_pdf

router = APIRouter(prefix="/subject-access-requests", tags=["subject access"])


class NewRequest(BaseModel):
    kind: Literal["child", "staff"]
    reference: str = Field(min_length=1, max_length=200, pattern=r"^\s*[A-Za-z0-9][A-Za-z0-9 ._/-]*$",
                           description="The child's case reference or the person's id")
    received_on: date


class Step(BaseModel):
    progress: Progress


class Review(BaseModel):
    service: str = Field(max_length=64)
    path: str = Field(max_length=500, description="A path from the bundle's third_party list")
    decision: Literal["release", "withhold"]
    reason: str = Field("", max_length=1000, description="Why it is withheld (required then)")


@router.post("", status_code=status.HTTP_201_CREATED)
async def new_request(body: NewRequest, who: Principal = Depends(allow(*OFFICERS)),
                      deps: Deps = Depends(get_deps)) -> dict[str, Any]:
    if body.received_on > england_day(deps.clock.now()):
        raise HTTPException(422, detail="The date received cannot be in the future.")
    return await record_request(deps, kind=body.kind, reference=body.reference,
                                received_on=body.received_on, recorded_by=who.subject)


@router.get("")
async def requests(_: Principal = Depends(allow(*OFFICERS)),
                   deps: Deps = Depends(get_deps)) -> list[dict[str, Any]]:
    return jsonable_encoder(await deps.subject_access.newest())


@router.get("/{request_id}")
async def one_request(request_id: str, _: Principal = Depends(allow(*OFFICERS)),
                      deps: Deps = Depends(get_deps)) -> dict[str, Any]:
    return jsonable_encoder(await _found(open_request(deps, request_id)))


@router.post("/{request_id}/progress")
async def progress(request_id: str, body: Step, _: Principal = Depends(allow(*OFFICERS)),
                   deps: Deps = Depends(get_deps)) -> dict[str, Any]:
    try:
        return jsonable_encoder(await _found(move_on(deps, request_id, body.progress)))
    except StepRefused as refused:
        raise HTTPException(status.HTTP_409_CONFLICT, detail=str(refused)) from None


@router.post("/{request_id}/bundle")
async def gather(request_id: str, request: Request, _: Principal = Depends(allow(*OFFICERS)),
                 deps: Deps = Depends(get_deps)) -> dict[str, Any]:
    """Gather (again) everything every service holds about the subject."""
    try:
        bundle = await _found(gather_bundle(deps, request_id, token=officer_token(request)))
    except ServiceDidNotAnswer as failed:
        raise HTTPException(status.HTTP_503_SERVICE_UNAVAILABLE, detail=str(failed)) from None
    return {"request_id": request_id, "services": sorted(bundle["held"]),
            "third_party": bundle["third_party"]}


@router.get("/{request_id}/bundle", response_model=None)
async def bundle(request_id: str, fmt: Literal["json", "pdf"] = "json",
                 copy: Literal["review", "release"] = Query(
                     "review", description="review: everything, third-party items flagged; "
                     "release: the copy to send, withheld items replaced by why (409 while "
                     "any is undecided)"),
                 who: Principal = Depends(allow(*OFFICERS)), deps: Deps = Depends(get_deps),
                 reads: Reads = Depends(records_reads)) -> dict[str, Any] | Response:
    found = await _found(open_bundle(deps, request_id))
    if found is None:
        raise HTTPException(status.HTTP_404_NOT_FOUND, detail="No bundle gathered yet.")
    if copy == "release":
        try:
            found = release_copy(found)
        except NotYetDecided as waiting:
            raise HTTPException(status.HTTP_409_CONFLICT, detail=str(waiting)) from None
    request = await open_request(deps, request_id)  # the bundle's own is gone once erased
    record = reads.child if request["kind"] == "child" else reads.staff
    await record(who, request["reference"], record_id=request_id)
    if fmt == "pdf":
        name = f"bundle-{request_id}{'-to-send' if copy == 'release' else ''}.pdf"
        return Response(bundle_pdf(request, found), media_type="application/pdf", headers={
            "Content-Disposition": f'attachment; filename="{name}"'})
    return jsonable_encoder(found)


@router.post("/{request_id}/bundle/review")
async def review(request_id: str, body: Review, who: Principal = Depends(allow(*OFFICERS)),
                 deps: Deps = Depends(get_deps)) -> dict[str, Any]:
    """Release or withhold one third-party item of the bundle (a reason to withhold)."""
    try:
        bundle = await _found(review_item(deps, request_id, **body.model_dump(), by=who.subject))
    except ReviewRefused as refused:
        raise HTTPException(status.HTTP_422_UNPROCESSABLE_CONTENT, detail=[
            {"loc": ["body", field], "msg": msg, "type": "value_error"}
            for field, msg in refused.errors.items()]) from None
    return jsonable_encoder({"request_id": request_id, "reviews": bundle.get("reviews", [])})


def officer_token(request: Request) -> str:
    """The officer's own token, passed on to each service asked (which checks the role)."""
    header = request.headers.get("authorization", "")
    return header[7:] if header.lower().startswith("bearer ") else request.cookies.get(COOKIE, "")


async def _found(pending: Any) -> Any:
    try:
        return await pending
    except UnknownRequest:
        raise HTTPException(status.HTTP_404_NOT_FOUND, detail="No such subject access request.") from None
