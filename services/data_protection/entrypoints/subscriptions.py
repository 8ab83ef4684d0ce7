"""Every event data protection consumes, in one place (none yet: what it needs to know it
asks the services for, and the erasure's own event is consumed by every service through
shared/personal_data)."""

from __future__ import annotations

from shared.consumer import TopicRoutes

from ..application.deps import Deps


def subscriptions(deps: Deps) -> list[TopicRoutes]:
    return []
