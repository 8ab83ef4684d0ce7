"""One action tracking instance per test module, on the real Kafka and store."""

from __future__ import annotations

import pytest

from tests.support.action_tracking import tracking  # noqa: F401 - the module's instance


@pytest.fixture(autouse=True)
def real_time(request):
    """Each test starts at the real time, whatever the last one moved the clock to."""
    if "tracking" in request.fixturenames:
        from datetime import UTC, datetime

        request.getfixturevalue("tracking").clock.jump_to(datetime.now(UTC))
