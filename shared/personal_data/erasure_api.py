"""The erasure endpoints every service mounts: data protection asks each service to blank an
erased subject in what it holds, and to say what it holds about one (subject access). The
reference travels in the request's path over HTTP, never on Kafka."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, Literal

from fastapi import APIRouter, Depends, Path, Query, Request
from fastapi.encoders import jsonable_encoder

from shared.auth import Role, allow

from .blanking import Holding, blank_subject, held_about, record_ids

Kind = Literal["child", "staff"]
Reference = Path(min_length=1, max_length=200, pattern=r"^[A-Za-z0-9][A-Za-z0-9 ._/-]*$",
                 description="A child's case reference or a member of staff's person id")
Linked = Query(default=[], max_length=2000, description=(
    "Ids of the subject's records that other services named: records here filed under them "
    "(an action raised by the child's audit) are about the subject too"))


def erasure_router(holdings: Sequence[Holding], *,
                   physical: Callable[[Any], Callable[[str], Any]] | None = None) -> APIRouter:
    """`physical(app)`, if given, names a declared collection's current physical collection
    (reporting's generations)."""
    router = APIRouter(prefix="/personal-data/subjects", tags=["personal data"])

    def naming(request: Request):
        return physical(request.app) if physical else None

    @router.post("/{kind}/{reference}/erasure")
    async def erase(kind: Kind, request: Request, reference: str = Reference,
                    record: list[str] = Linked,
                    _: Any = Depends(allow(Role.DATA_PROTECTION_OFFICER))) -> dict[str, Any]:
        """Blank the subject's personal data in this service's collections (idempotent):
        how many documents, and the ids of the records about them."""
        runtime = request.app.state.runtime
        done = await blank_subject(runtime.store.db, holdings, kind=kind,
                                   reference=reference.strip(), physical=naming(request),
                                   elsewhere=record)
        return {"service": runtime.settings.service_name, "blanked": done.documents,
                "records": done.records}

    @router.get("/{kind}/{reference}")
    async def held(kind: Kind, request: Request, reference: str = Reference,
                   record: list[str] = Linked,
                   _: Any = Depends(allow(Role.DATA_PROTECTION_OFFICER))) -> dict[str, Any]:
        """Everything this service holds about the subject, by collection, and the ids of its
        whole records about them (to ask the others again with)."""
        runtime = request.app.state.runtime
        found = await held_about(runtime.store.db, holdings, kind=kind,
                                 reference=reference.strip(), physical=naming(request),
                                 elsewhere=record)
        return {"service": runtime.settings.service_name, "held": jsonable_encoder(
            found, custom_encoder={bytes: lambda b: "<binary>"}),
            "records": record_ids(found, holdings)}

    return router
