"""Every event audit capture consumes, in one place: only erasures (qa.privacy), whose keys it
forgets at once; otherwise it is a pure producer."""

from shared.consumer import TopicRoutes
from shared.personal_data.envelopes import PersonalData
from shared.personal_data.erasure_events import forget_erased_keys


def subscriptions(*, personal: PersonalData) -> list[TopicRoutes]:
    return [forget_erased_keys(personal)]
