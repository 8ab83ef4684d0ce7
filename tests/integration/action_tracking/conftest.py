"""One action tracking instance per test module, on the real Kafka and store."""

from __future__ import annotations

import pytest

from tests.support.action_tracking import drop_database, fresh_settings, running


@pytest.fixture(scope="module")
async def tracking():
    settings = fresh_settings()
    async with running(settings) as instance:
        yield instance
    await drop_database(settings)


@pytest.fixture(autouse=True)
def real_time(request):
    """Each test starts at the real time, whatever the last one moved the clock to."""
    if "tracking" in request.fixturenames:
        from datetime import UTC, datetime

        request.getfixturevalue("tracking").clock.jump_to(datetime.now(UTC))
