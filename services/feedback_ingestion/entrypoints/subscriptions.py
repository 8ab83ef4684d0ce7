"""Every event feedback ingestion consumes, in one place."""

from __future__ import annotations

from schemas import topics
from schemas.feedback import RawFeedbackSubmitted
from shared.consumer import TopicRoutes

from ..application.raw_items import RawItemHandlers


def subscriptions(raw_items: RawItemHandlers) -> list[TopicRoutes]:
    return [TopicRoutes(topics.FEEDBACK_RAW, {RawFeedbackSubmitted: raw_items.on_raw_item})]
