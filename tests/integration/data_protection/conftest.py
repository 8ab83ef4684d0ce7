"""Data protection in this process, on the real Kafka and store, with its own database."""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator
from typing import Any

import httpx

from services.data_protection.bootstrap import build_app
from services.data_protection.settings import DataProtectionSettings
from tests.support.factories import uid


@contextlib.asynccontextmanager
async def running(**settings: Any) -> AsyncIterator[httpx.AsyncClient]:
    """A client of a data protection app started with these settings; `client.app` is it."""
    built = DataProtectionSettings(mongo_database=uid("itest_dp").replace("-", "_"),
                                   kafka_group_suffix=uid("-g"), **settings)
    app = build_app(built)
    async with app.router.lifespan_context(app):
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://dp") as http:
            http.app = app  # type: ignore[attr-defined]
            yield http
        await app.state.runtime.store.client.drop_database(built.database_name)
