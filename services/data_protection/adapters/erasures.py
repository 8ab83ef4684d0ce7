"""The erasures' records (collection `erasures`) and the HTTP calls that ask every service to
blank an erased subject. The record keeps the case reference in clear: the officer must be
able to say what was erased and when; it is in this service's own database, never on
Kafka, and can be deleted when its own retention ends."""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

import httpx

from shared.store import Store

from .service_tokens import ServiceTokens

ERASURES = "erasures"


class Erasures:
    def __init__(self, store: Store) -> None:
        self._erasures = store.db[ERASURES]

    async def add(self, erasure: dict[str, Any]) -> None:
        await self._erasures.insert_one(erasure)

    async def get(self, erasure_id: str) -> dict[str, Any] | None:
        return await self._erasures.find_one({"_id": erasure_id})

    async def confirmed(self, erasure_id: str, service: str, answer: dict[str, Any]) -> None:
        await self._erasures.update_one({"_id": erasure_id},
                                        {"$set": {f"confirmed.{service}": answer}})

    async def add_keys(self, erasure_id: str, key_ids: list[str]) -> None:
        await self._erasures.update_one({"_id": erasure_id},
                                        {"$addToSet": {"key_ids": {"$each": key_ids}}})

    async def add_records(self, erasure_id: str, record_ids: list[str]) -> None:
        """Ids of the subject's records the services named (no personal data: uuids)."""
        await self._erasures.update_one({"_id": erasure_id},
                                        {"$addToSet": {"records": {"$each": record_ids}}})

    async def unfinished(self) -> list[dict[str, Any]]:
        return [e async for e in self._erasures.find({"finished": {"$ne": True}})]

    async def finished(self, erasure_id: str) -> None:
        await self._erasures.update_one({"_id": erasure_id}, {"$set": {"finished": True}})

    async def recent(self, limit: int = 50) -> list[dict[str, Any]]:
        return [e async for e in self._erasures.find().sort("requested_at", -1).limit(limit)]


class ServiceCalls:
    """POST /personal-data/subjects/{kind}/{reference}/erasure on a service, as this service
    (with the officer's role: service_tokens.py says where its token comes from)."""

    def __init__(self, urls: dict[str, str], tokens: ServiceTokens) -> None:
        self.urls = urls
        self._tokens = tokens

    async def erase(self, service: str, kind: str, reference: str, *,
                    records: list[str]) -> dict[str, Any]:
        """`records`: the ids of the subject's records the services have named, whose
        linked records (filed under those ids) the service blanks as well."""
        token = await self._tokens.token()
        url = f"{self.urls[service]}/personal-data/subjects/{kind}/{quote(reference, safe='')}/erasure"
        async with httpx.AsyncClient(timeout=30) as client:
            answer = await client.post(url, params={"record": records},
                                       headers={"Authorization": f"Bearer {token}"})
        answer.raise_for_status()
        return answer.json()
