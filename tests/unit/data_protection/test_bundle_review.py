"""Reviewing a bundle's third-party items: only the bundle's own items, release or withhold,
a reason to withhold; the items carry their values and decisions so far."""

from __future__ import annotations

import pytest

from services.data_protection.domain.bundle_review import (NotYetDecided, ReviewRefused, decide,
                                                        release_copy)
from services.data_protection.domain.bundle_review import items_to_review, undecided, value_at

BUNDLE = {"held": {"audit_capture": {"audits": [{"case_ref": "TEST-CASE-1",
                                                 "auditor_ids": ["aud-1"],
                                                 "social_worker_id": "sw-1"}]}},
          "third_party": {"audit_capture": ["audits[0].auditor_ids",
                                            "audits[0].social_worker_id"]}}


def test_a_withholding_needs_a_reason_and_an_item_of_the_bundle():
    with pytest.raises(ReviewRefused) as refused:
        decide(BUNDLE, service="audit_capture", path="audits[0].auditor_ids",
               decision="withhold", reason=" ")
    assert set(refused.value.errors) == {"reason"}
    with pytest.raises(ReviewRefused) as refused:
        decide(BUNDLE, service="audit_capture", path="audits[0].case_ref",
               decision="maybe", reason="")
    assert set(refused.value.errors) == {"path", "decision"}
    assert decide(BUNDLE, service="audit_capture", path="audits[0].auditor_ids",
                  decision="release", reason="")["decision"] == "release"


def test_items_show_their_values_and_decisions():
    reviewed = {**BUNDLE, "reviews": [{"service": "audit_capture",
                                       "path": "audits[0].social_worker_id",
                                       "decision": "withhold", "reason": "theirs"}]}
    items = items_to_review(reviewed)
    assert [i["value"] for i in items] == [["aud-1"], "sw-1"]
    assert items[0]["decision"] is None and items[1]["decision"]["decision"] == "withhold"
    assert undecided(reviewed) == 1 and undecided(BUNDLE) == 2
    assert value_at(BUNDLE["held"]["audit_capture"], "audits[3].auditor_ids") is None


def test_the_copy_to_send_waits_for_every_decision_then_leaves_out_what_was_withheld():
    one = [{"service": "audit_capture", "path": "audits[0].social_worker_id",
            "decision": "withhold", "reason": "the worker's own information"}]
    with pytest.raises(NotYetDecided, match="1 third-party item still to decide"):
        release_copy({**BUNDLE, "reviews": one})
    both = [*one, {"service": "audit_capture", "path": "audits[0].auditor_ids",
                   "decision": "release", "reason": ""}]
    sent = release_copy({**BUNDLE, "reviews": both})
    assert sent["held"]["audit_capture"]["audits"][0] == {
        "case_ref": "TEST-CASE-1", "auditor_ids": ["aud-1"],
        "social_worker_id": "[withheld: the worker's own information]"}
    assert (sent["third_party"], sent["copy"], "reviews" in sent) == ({}, "release", False)
    assert BUNDLE["held"]["audit_capture"]["audits"][0]["social_worker_id"] == "sw-1"
