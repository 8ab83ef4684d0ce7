"""Every event audit capture consumes, in one place. None yet: it is a pure producer so far."""

from shared.consumer import TopicRoutes

SUBSCRIPTIONS: list[TopicRoutes] = []
