"""POST /personal-data/retention on each service (shared/personal_data/retention_api.py), as
this service, with the officer's role (service_tokens.py: QA_SERVICE_TOKEN, as erasure). The holds travel in the request's
body, with a child's case reference where a hold names one: never on Kafka."""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

import httpx

from .service_tokens import ServiceTokens


class RetentionCalls:
    def __init__(self, urls: dict[str, str], tokens: ServiceTokens, *,
                 timeout: float = 120.0) -> None:
        self.urls = urls
        self._tokens = tokens
        self._timeout = timeout

    async def apply(self, service: str, body: dict[str, Any]) -> dict[str, Any]:
        """The service's answer; raises httpx.HTTPError if it is down or refuses."""
        return await self._post(service, "/personal-data/retention", body)

    async def holds_on(self, service: str, kind: str, reference: str,
                       holds: list[dict[str, Any]]) -> dict[str, int]:
        """hold id -> how many of the subject's records in `service` it covers."""
        answer = await self._post(service, f"/personal-data/subjects/{kind}/"
                                  f"{quote(reference, safe='')}/holds", {"holds": holds})
        return answer["held_by"]

    async def _post(self, service: str, path: str, body: dict[str, Any]) -> dict[str, Any]:
        token = await self._tokens.token()
        async with httpx.AsyncClient(timeout=self._timeout) as client:
            answer = await client.post(f"{self.urls[service]}{path}", json=body,
                                       headers={"Authorization": f"Bearer {token}"})
        answer.raise_for_status()
        return answer.json()
