from datetime import UTC, datetime

import pytest
from pydantic import ValidationError

from schemas.feedback import FeedbackItemAccepted, SafetyLinkTriggered
from services.feedback_ingestion.domain.items import FeedbackItemIn, decide
from tests.support.factories import feedback_item

NOW = datetime(2026, 11, 20, tzinfo=UTC)


def stored_from(item: FeedbackItemIn, revision: int = 1, **extra) -> dict:
    return {"content_hash": item.content_hash(), "revision": revision, **extra}


def test_a_new_item_is_accepted_as_revision_one():
    item = FeedbackItemIn(**feedback_item())
    decision = decide(item, stored=None, now=NOW)
    assert decision.outcome == "accepted" and decision.revision == 1
    assert isinstance(decision.facts[0], FeedbackItemAccepted)
    assert decision.facts[0].item_id == item.item_id()


def test_the_same_item_again_is_a_duplicate_with_no_new_fact():
    item = FeedbackItemIn(**feedback_item())
    decision = decide(item, stored=stored_from(item), now=NOW)
    assert decision.outcome == "duplicate" and decision.facts == ()


def test_a_changed_item_is_an_update_not_a_new_item():
    body = feedback_item()
    first = FeedbackItemIn(**body)
    changed = FeedbackItemIn(**{**body, "rating": 4})
    decision = decide(changed, stored=stored_from(first, revision=1), now=NOW)
    assert decision.outcome == "updated" and decision.revision == 2
    assert changed.item_id() == first.item_id()


def test_safety_link_is_published_first_and_only_once():
    body = feedback_item(source="momo", case_ref="TEST-CASE-1", safety_link=True)
    item = FeedbackItemIn(**body)
    decision = decide(item, stored=None, now=NOW)
    assert isinstance(decision.facts[0], SafetyLinkTriggered)
    changed = FeedbackItemIn(**{**body, "text": "Synthetic follow-up"})
    again = decide(changed, stored=stored_from(item, safety_link=True), now=NOW)
    assert not any(isinstance(f, SafetyLinkTriggered) for f in again.facts)


def test_safety_link_needs_a_momo_statement_about_a_child():
    with pytest.raises(ValidationError, match="safety_link"):
        FeedbackItemIn(**feedback_item(source="compliment", safety_link=True))
