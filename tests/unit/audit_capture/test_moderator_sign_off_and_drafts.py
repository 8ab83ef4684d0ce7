"""Who may moderate (the rotation's moderating group), sign-off outside the moderation
sample, and what a saved draft tells others: pure rules."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from services.audit_capture.domain.drafts import draft_saved, standards_filled
from services.audit_capture.domain.lifecycle import IllegalTransition, ModerationSample
from services.audit_capture.domain.lifecycle import signed_off_from
from services.audit_capture.domain.moderation import NotInModeratingGroup
from services.audit_capture.domain.moderation import refuse_unless_moderating_group
from services.audit_capture.domain.rotation import rotation

NOW = datetime(2026, 11, 20, tzinfo=UTC)


def test_only_the_months_moderating_group_moderates():
    month_two = rotation("2026-05", first_month="2026-04")  # group 1 moderates
    refuse_unless_moderating_group(moderator_id="m-1", moderator_group=1,
                                   moderation_group=month_two.moderation_group, month="2026-05")
    with pytest.raises(NotInModeratingGroup, match="audit group 1 moderates in 2026-05 "
                                                   r"\(they are in group 3\)"):
        refuse_unless_moderating_group(moderator_id="m-3", moderator_group=3,
                                       moderation_group=month_two.moderation_group,
                                       month="2026-05")
    with pytest.raises(NotInModeratingGroup, match="they are in no audit group"):
        refuse_unless_moderating_group(moderator_id="hoq", moderator_group=None,
                                       moderation_group=1, month="2026-05")


def _drawn(*, picked: set[str], drawn_from: set[str]) -> ModerationSample:
    return ModerationSample(picked=frozenset(picked), drawn_from=frozenset(drawn_from),
                            drawn_at=NOW)


def test_an_audit_outside_the_moderation_sample_is_signed_off_once_submitted():
    sample = _drawn(picked={"a1"}, drawn_from={"a1", "a2"})
    assert signed_off_from("a2", "submitted", sample=sample) == "signed_off"
    assert signed_off_from("a1", "moderated", sample=sample) == "signed_off"
    assert signed_off_from("a1", "moderated", sample=None) == "signed_off"


def test_a_sampled_audit_is_signed_off_only_after_moderation():
    sample = _drawn(picked={"a1"}, drawn_from={"a1", "a2"})
    with pytest.raises(IllegalTransition, match="in the month's moderation sample until it is "
                                                "moderated"):
        signed_off_from("a1", "submitted", sample=sample)
    with pytest.raises(IllegalTransition, match="before the month's moderation sample is drawn"):
        signed_off_from("a1", "submitted", sample=None)
    for open_or_done in ("allocated", "in_progress", "signed_off"):
        with pytest.raises(IllegalTransition, match="cannot sign off"):
            signed_off_from("a2", open_or_done, sample=sample)


def test_standards_filled_reads_the_page_fields_and_the_api_shape():
    assert standards_filled({"std1_grade": "good", "std2_grade": "", "std6_grade": "bad",
                             "std3_evidence": "typed"}) == [1]
    assert standards_filled({"standards": [{"standard": 4, "grade": "inadequate"},
                                           {"standard": 5}, {"standard": 9, "grade": "good"},
                                           "junk"]}) == [4]
    assert standards_filled({"standards": "not a list"}) == []


def test_a_saved_draft_carries_progress_but_no_text_or_case_reference():
    audit = {"_id": "aud-1", "allocation_id": "aud-1", "month": "2026-11", "team_id": "t-1",
             "case_ref": "TEST-CASE-1"}
    draft = {"std2_grade": "good", "overall_grade": "good",
             "std2_evidence": "Synthetic words the auditor typed", "case_ref": "TEST-CASE-1"}
    fact = draft_saved(audit, draft, saved_by="aud-p", now=NOW)
    body = fact.model_dump(mode="json")
    assert body == {"audit_id": "aud-1", "allocation_id": "aud-1", "month": "2026-11",
                    "team_id": "t-1", "standards_filled": [2], "overall_grade_filled": True,
                    "saved_by": "aud-p", "saved_at": "2026-11-20T00:00:00Z"}
    assert "Synthetic" not in fact.model_dump_json() and "TEST-CASE" not in fact.model_dump_json()
