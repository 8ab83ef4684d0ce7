"""One learning instance (and one action tracking) per test module, on the real Kafka and
store."""

from __future__ import annotations

from tests.support.action_tracking import tracking  # noqa: F401 - the module's instance
from tests.support.learning import learning  # noqa: F401 - the module's instance
