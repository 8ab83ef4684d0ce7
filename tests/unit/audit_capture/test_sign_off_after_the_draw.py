"""An audit submitted after the month's moderation sample was drawn missed the draw: it is
signed off only once moderated, or once the sample is drawn again (pure rules)."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from services.audit_capture.domain.lifecycle import IllegalTransition, ModerationSample
from services.audit_capture.domain.lifecycle import sign_off_refusal, signed_off_from

DRAWN_AT = datetime(2026, 5, 20, 14, 5, tzinfo=UTC)
MONTH = {"_id": "2026-05", "moderation_sample": ["picked"],
         "moderation_sample_drawn_from": ["picked", "passed-over"],
         "moderation_sample_drawn_at": DRAWN_AT}


def test_the_sample_is_read_from_the_programme_month():
    sample = ModerationSample.of_month(MONTH)
    assert sample == ModerationSample(picked=frozenset({"picked"}),
                                      drawn_from=frozenset({"picked", "passed-over"}),
                                      drawn_at=DRAWN_AT)
    assert ModerationSample.of_month(None) is None
    assert ModerationSample.of_month({"_id": "2026-05", "moderation_sample": None}) is None
    legacy = ModerationSample.of_month({"moderation_sample": []})
    assert legacy == ModerationSample(picked=frozenset(), drawn_from=None, drawn_at=None)


def test_only_an_audit_the_sample_was_drawn_from_and_did_not_pick_skips_moderation():
    sample = ModerationSample.of_month(MONTH)
    assert signed_off_from("passed-over", "submitted", sample=sample) == "signed_off"
    assert sign_off_refusal("passed-over", "submitted", sample=sample) is None
    assert "until it is moderated" in sign_off_refusal("picked", "submitted", sample=sample)


def test_an_audit_submitted_after_the_draw_is_refused_with_the_draws_date():
    sample = ModerationSample.of_month(MONTH)
    with pytest.raises(IllegalTransition) as refused:
        signed_off_from("late-comer", "submitted", sample=sample)
    reason = str(refused.value)
    # Drawn at 14:05 UTC, in May: shown as England's time, BST.
    assert "submitted after the month's moderation sample was drawn on 2026-05-20 at 15:05 " \
           "BST" in reason
    assert "draw the sample again (it re-draws from the audits still submitted) or moderate " \
           "it" in reason
    assert sign_off_refusal("late-comer", "submitted", sample=sample) == reason


def test_a_late_comer_is_signed_off_once_moderated_or_drawn_again():
    sample = ModerationSample.of_month(MONTH)
    assert signed_off_from("late-comer", "moderated", sample=sample) == "signed_off"
    redrawn = ModerationSample.of_month(MONTH | {
        "moderation_sample_drawn_from": ["picked", "passed-over", "late-comer"]})
    assert signed_off_from("late-comer", "submitted", sample=redrawn) == "signed_off"


def test_a_sample_drawn_before_its_pool_was_kept_cannot_vouch_for_an_audit():
    legacy = ModerationSample.of_month({"moderation_sample": ["picked"]})
    with pytest.raises(IllegalTransition, match="draw the sample again or moderate it"):
        signed_off_from("passed-over", "submitted", sample=legacy)
    assert signed_off_from("passed-over", "moderated", sample=legacy) == "signed_off"
