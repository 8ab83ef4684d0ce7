"""Every event data protection consumes, in one place: the access log's entries (qa.access),
which this projection alone writes, and the staff directory (qa.directory) its pages name
people and teams by. What else it needs to know it asks the services for, and
the erasure's own event is consumed by every service through shared/personal_data."""

from __future__ import annotations

from functools import partial

from schemas import topics
from schemas.access import PersonalDataRead
from schemas.directory import StaffMemberUpserted, TeamUpserted
from shared.consumer import TopicRoutes
from shared.personal_data.envelopes import PersonalData
from shared.personal_data.erasure_events import forget_erased_keys

from ..application import access_log, directory
from ..application.deps import Deps


def subscriptions(deps: Deps, *, personal: PersonalData) -> list[TopicRoutes]:
    return [forget_erased_keys(personal), TopicRoutes(topics.ACCESS, {
        PersonalDataRead: partial(access_log.on_personal_data_read, deps)}),
        TopicRoutes(topics.DIRECTORY, {
            StaffMemberUpserted: partial(directory.on_staff_member, deps),
            TeamUpserted: partial(directory.on_team, deps)})]
