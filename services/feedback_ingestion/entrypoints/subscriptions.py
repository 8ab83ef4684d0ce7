"""Every event feedback ingestion consumes, in one place, each handled by the application
with the service's Deps."""

from __future__ import annotations

from functools import partial

from schemas import topics
from schemas.directory import StaffMemberUpserted, TeamUpserted
from schemas.feedback import RawFeedbackSubmitted
from shared.consumer import TopicRoutes
from shared.personal_data.envelopes import PersonalData
from shared.personal_data.erasure_events import forget_erased_keys

from ..application import directory, raw_items
from ..application.deps import Deps


def subscriptions(deps: Deps, *, personal: PersonalData) -> list[TopicRoutes]:
    """The directory always; qa.feedback.raw unless the settings turn it off."""
    routes = [forget_erased_keys(personal), TopicRoutes(topics.DIRECTORY, {
        StaffMemberUpserted: partial(directory.on_staff_member, deps),
        TeamUpserted: partial(directory.on_team, deps)})]
    if deps.settings.consume_raw_topic:
        routes.append(TopicRoutes(topics.FEEDBACK_RAW,
                                  {RawFeedbackSubmitted: partial(raw_items.on_raw_item, deps)}))
    return routes
