"""Every event reporting consumes, in one place: each topic routes its known events to the
projection handler; other event types are ignored and counted by the shared consumer."""

from __future__ import annotations

from collections import defaultdict

from shared.consumer import Handler, TopicRoutes

from ..domain.facts import FACT_FUNCTIONS
from ..handlers.projections import ProjectionHandlers


def subscriptions(projections: ProjectionHandlers) -> list[TopicRoutes]:
    by_topic: dict[str, dict] = defaultdict(dict)
    for model in FACT_FUNCTIONS:
        handler: Handler = projections.apply
        by_topic[model.topic][model] = handler
    return [TopicRoutes(topic, handlers) for topic, handlers in sorted(by_topic.items())]
