"""HTTP API for the Learn stage: an audit's results delivered to the worker and their line
manager and the worker's reflection; reflective supervision; each person's learning record
as CPD evidence (JSON, CSV, PDF) and their line manager's sign-off of each piece."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Response
from fastapi.responses import PlainTextResponse

from shared.auth import Principal, allow
from shared.http import PENDING_RESPONSE, found_or_404
from shared.personal_data.access_log import Reads, records_reads

from ...application import learn
from ...application.deps import Deps
from ...domain.learn import RecordReflection, RecordSupervision, SignEvidence
from ..cpd_documents import CSV_TYPE, PDF_TYPE, cpd_csv, cpd_pdf
from ..deps import get_deps
from ..roles import STAFF
from .answers import answered, refusals_answered

router = APIRouter(tags=["learn"])


@router.get("/results/mine")
async def my_results(who: Principal = Depends(allow(*STAFF)),
                     deps: Deps = Depends(get_deps),
                     reads: Reads = Depends(records_reads)) -> dict:
    """Audits of my cases (`mine`) and those copied to me as line manager (`copied`)."""
    found = await learn.my_results(deps, who)
    await reads.children(who, learn.children_in_results(found))
    return found


@router.post("/results/{audit_id}/reflection", responses=PENDING_RESPONSE)
async def reflect(audit_id: str, body: RecordReflection, response: Response,
                  who: Principal = Depends(allow(*STAFF)),
                  deps: Deps = Depends(get_deps)) -> dict:
    """The case's social worker only (403); once (409)."""
    result, published = await refusals_answered(learn.reflect(deps, audit_id, body, who))
    return answered(response, published, found_or_404(result, f"no results for {audit_id}"))


@router.post("/supervisions", responses=PENDING_RESPONSE, status_code=201)
async def record_supervision(body: RecordSupervision, response: Response,
                             who: Principal = Depends(allow(*STAFF)),
                             deps: Deps = Depends(get_deps)) -> dict:
    """Recorded by the supervisee's line manager (or head of service): 403 for anyone else."""
    session, published = await refusals_answered(learn.record_supervision(deps, body, who))
    return answered(response, published, session, created=True)


@router.get("/supervisions/{supervision_id}")
async def supervision(supervision_id: str, who: Principal = Depends(allow(*STAFF)),
                      deps: Deps = Depends(get_deps),
                      reads: Reads = Depends(records_reads)) -> dict:
    """The two people and those above them (403 otherwise)."""
    session = await refusals_answered(learn.supervision(deps, supervision_id, who))
    found = found_or_404(session, f"no supervision {supervision_id}")
    await reads.staff(who, found.get("supervisee_id"), record_id=supervision_id)
    return found


@router.post("/supervisions/{supervision_id}/sign-off", responses=PENDING_RESPONSE)
async def sign_supervision(supervision_id: str, response: Response,
                           who: Principal = Depends(allow(*STAFF)),
                           deps: Deps = Depends(get_deps)) -> dict:
    """The supervisor only (403); once (409). Its next steps become tracked actions."""
    session, published = await refusals_answered(
        learn.sign_supervision(deps, supervision_id, who))
    return answered(response, published,
                    found_or_404(session, f"no supervision {supervision_id}"))


@router.get("/learning-records/{person_id}.csv")
async def record_csv(person_id: str, who: Principal = Depends(allow(*STAFF)),
                     deps: Deps = Depends(get_deps),
                     reads: Reads = Depends(records_reads)) -> PlainTextResponse:
    found = await refusals_answered(learn.record(deps, person_id, who))
    await reads.staff(who, person_id)
    return PlainTextResponse(cpd_csv(found), media_type=CSV_TYPE, headers={
        "Content-Disposition": f'attachment; filename="learning-record-{person_id}.csv"'})


@router.get("/learning-records/{person_id}.pdf")
async def record_pdf(person_id: str, who: Principal = Depends(allow(*STAFF)),
                     deps: Deps = Depends(get_deps),
                     reads: Reads = Depends(records_reads)) -> Response:
    found = await refusals_answered(learn.record(deps, person_id, who))
    await reads.staff(who, person_id)
    return Response(cpd_pdf(found, person_id), media_type=PDF_TYPE, headers={
        "Content-Disposition": f'attachment; filename="learning-record-{person_id}.pdf"'})


@router.get("/learning-records/{person_id}")
async def record(person_id: str, who: Principal = Depends(allow(*STAFF)),
                 deps: Deps = Depends(get_deps),
                 reads: Reads = Depends(records_reads)) -> dict:
    """The person and those above them only (403)."""
    found = await refusals_answered(learn.record(deps, person_id, who))
    await reads.staff(who, person_id)
    return found


@router.post("/learning-records/{person_id}/sign-off", responses=PENDING_RESPONSE)
async def sign(person_id: str, body: SignEvidence, response: Response,
               who: Principal = Depends(allow(*STAFF)),
               deps: Deps = Depends(get_deps)) -> dict:
    """The person's own line manager only (403); each piece once (409)."""
    signed, published = await refusals_answered(learn.sign_evidence(deps, person_id, body, who))
    return answered(response, published, signed)
