"""Every event feedback ingestion consumes, in one place. None yet: raw-item topic to come."""

from shared.consumer import TopicRoutes

SUBSCRIPTIONS: list[TopicRoutes] = []
