"""POST /personal-data/retention on each service (shared/personal_data/retention_api.py), as
this service: a token of its own with the officer's role. The holds travel in the request's
body, with a child's case reference where a hold names one: never on Kafka."""

from __future__ import annotations

from typing import Any

import httpx

from shared.auth import issue_development_token


class RetentionCalls:
    def __init__(self, urls: dict[str, str], secret: str, *, timeout: float = 120.0) -> None:
        self.urls = urls
        self._secret = secret
        self._timeout = timeout

    async def apply(self, service: str, body: dict[str, Any]) -> dict[str, Any]:
        """The service's answer; raises httpx.HTTPError if it is down or refuses."""
        token = issue_development_token(secret=self._secret, subject="data_protection",
                                        roles=["data_protection_officer"])
        async with httpx.AsyncClient(timeout=self._timeout) as client:
            answer = await client.post(f"{self.urls[service]}/personal-data/retention",
                                       json=body, headers={"Authorization": f"Bearer {token}"})
        answer.raise_for_status()
        return answer.json()
