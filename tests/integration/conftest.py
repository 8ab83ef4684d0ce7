"""Integration tests talk to the real Kafka and store that `make test` started."""

from __future__ import annotations

import pytest

from schemas import topics
from shared.kafka import ensure_topics

from shared.metrics import PlatformMetrics
from shared.runtime import Runtime
from shared.settings import ServiceSettings
from tests.support.factories import uid


@pytest.fixture(scope="session", autouse=True)
async def platform_topics():
    """As every service does at start-up: make sure the platform's topics exist."""
    await ensure_topics(ServiceSettings(), topics.ALL)


@pytest.fixture
async def runtime():
    """A throwaway service runtime with its own database and consumer group."""
    name = uid("itest").replace("-", "_")
    settings = ServiceSettings(service_name=name)
    built = Runtime.build(settings, relay_outbox=True)
    yield built
    await built.outbox.close()
    await built.broker.stop()
    await built.publisher.direct.stop()
    await built.store.client.drop_database(settings.database_name)
    await built.store.close()


@pytest.fixture
def metrics():
    return PlatformMetrics.create()
