"""Audit capture in this process, on the real Kafka and store, with its own database."""

from __future__ import annotations

import httpx
import pytest

from services.audit_capture.bootstrap import build_app
from services.audit_capture.settings import AuditCaptureSettings
from tests.support.factories import uid


@pytest.fixture
async def client():
    settings = AuditCaptureSettings(mongo_database=uid("itest_audit").replace("-", "_"),
                                    kafka_group_suffix=uid("-g"))
    app = build_app(settings)
    async with app.router.lifespan_context(app):
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://audit") as http:
            yield http
        await app.state.runtime.store.client.drop_database(settings.database_name)
