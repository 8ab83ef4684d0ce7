"""Reporting running in-process against the real Kafka and store, with its own database and
consumer group, so its figures are exact."""

from __future__ import annotations

import contextlib

import httpx
import pytest

from services.reporting.bootstrap import build_app
from services.reporting.settings import ReportingSettings
from tests.support.kafka import start_group_at_end
from tests.support.factories import uid
from tests.support.waiting import eventually


@contextlib.asynccontextmanager
async def running_reporting():
    name = uid("rtest").replace("-", "_")
    settings = ReportingSettings(mongo_database=name, kafka_group_suffix=f"-{name}")
    # Read only what the test publishes, not the whole suite's history on every topic.
    await start_group_at_end(settings.consumer_group)
    app = build_app(settings)
    async with app.router.lifespan_context(app):
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://reporting") as client:
            yield app, client, settings
        await app.state.runtime.store.client.drop_database(name)


@pytest.fixture(scope="module")
async def reporting():
    """One reporting per module."""
    async with running_reporting() as running:
        yield running


async def publish_all(app, events, *, twice: bool = False) -> None:
    """Publish as the producers do (envelope keyed by subject); `twice` = redelivery.
    Returns once reporting has applied (or ignored) every one: one consumer reads all
    topics, in no fixed order across them, so a figure from one topic says nothing of
    another's."""
    publisher = app.state.runtime.publisher
    before = applied(app)
    sent = 0
    for event in events:
        envelope = publisher.envelope(event, correlation_id=uid("corr"))
        for _ in range(2 if twice else 1):
            await publisher.publish(envelope, event.topic)
            sent += 1

    async def all_applied():
        return applied(app) >= before + sent

    await eventually(all_applied, timeout=60, what=f"reporting applied {sent} events")


def applied(app) -> float:
    metrics = app.state.runtime.metrics
    return sum(sample.value for counter in (metrics.events_handled, metrics.events_ignored)
               for family in counter.collect() for sample in family.samples
               if sample.name.endswith("_total"))
