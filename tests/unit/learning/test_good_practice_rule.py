"""A moderation that acknowledges good practice gives one acknowledgement, with an id of its
own derived from the moderation's; one that does not gives none (pure)."""

from __future__ import annotations

import pytest

from services.learning.domain.learn import good_practice_of
from tests.support.moderations import audit_moderated

pytestmark = pytest.mark.unit


def test_good_practice_is_acknowledged_once_per_moderation():
    moderated = audit_moderated(good_practice=True,
                                good_practice_note="Synthetic: the child's voice throughout.")
    first, again = good_practice_of(moderated), good_practice_of(moderated)
    assert first is not None and first == again
    assert first.acknowledgement_id != moderated.moderation_id
    assert (first.audit_id, first.acknowledged_by, first.note) == (
        moderated.audit_id, moderated.moderator_id, moderated.good_practice_note)
    assert good_practice_of(audit_moderated()) is None
