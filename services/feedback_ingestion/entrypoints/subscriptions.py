"""Every event feedback ingestion consumes, in one place, each handled by the application
with the service's Deps."""

from __future__ import annotations

from functools import partial

from schemas import topics
from schemas.feedback import RawFeedbackSubmitted
from shared.consumer import TopicRoutes

from ..application import raw_items
from ..application.deps import Deps


def subscriptions(deps: Deps) -> list[TopicRoutes]:
    return [TopicRoutes(topics.FEEDBACK_RAW,
                        {RawFeedbackSubmitted: partial(raw_items.on_raw_item, deps)})]
