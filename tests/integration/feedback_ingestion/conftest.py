"""Feedback ingestion in this process, on the real Kafka and store, with its own database."""

from __future__ import annotations

import json

import httpx
import pytest

from services.feedback_ingestion.bootstrap import build_app
from services.feedback_ingestion.settings import FeedbackIngestionSettings
from shared import signatures
from tests.support.factories import uid
from tests.support.kafka import start_group_at_end


async def _running(consume_raw_topic: bool):
    settings = FeedbackIngestionSettings(mongo_database=uid("itest_fi").replace("-", "_"),
                                         kafka_group_suffix=uid("-g"),
                                         consume_raw_topic=consume_raw_topic)
    await start_group_at_end(settings.consumer_group)  # only this test's raw messages
    app = build_app(settings)
    async with app.router.lifespan_context(app):
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://feedback") as http:
            http.app = app  # type: ignore[attr-defined]
            yield http
        await app.state.runtime.store.client.drop_database(settings.database_name)


@pytest.fixture
async def feedback():
    """Without the qa.feedback.raw subscription: a new consumer group reads that topic from
    the start, which would add earlier runs' items to this test's counts."""
    async for http in _running(consume_raw_topic=False):
        yield http


@pytest.fixture
async def feedback_reading_raw():
    async for http in _running(consume_raw_topic=True):
        yield http


def signed(source: str, body: bytes | dict, **sign_options) -> dict:
    """Keyword arguments for httpx: the body and its X-QA-Signature with the dev secret."""
    raw = body if isinstance(body, bytes) else json.dumps(body).encode()
    secret = FeedbackIngestionSettings().webhook_secrets[source]
    return {"content": raw, "headers": {signatures.HEADER: signatures.sign(raw, secret,
                                                                            **sign_options),
                                        "Content-Type": "application/json"}}
