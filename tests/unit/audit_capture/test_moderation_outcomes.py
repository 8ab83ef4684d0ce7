"""Moderation outcomes (issue 12): good practice acknowledged with a note, the auditor's
learning needs against the audit competencies, the moderator's judgement of the evidence and
timeliness; all optional, so a moderation without them is as before."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from pydantic import ValidationError

from schemas.audit import AuditModerated
from services.audit_capture.domain.moderation import ModerateAudit, moderate

NOW = datetime(2026, 11, 20, tzinfo=UTC)
AUDIT = {"_id": "a1", "month": "2026-11", "team_id": "t", "auditor_ids": ["aud"],
         "overall_grade": "good",
         "standards": [{"standard": n, "grade": "good"} for n in range(1, 7)]}
AGREED = {"standards": [{"standard": n, "agree": True} for n in range(1, 7)],
          "overall_agree": True}


def _refused(**outcomes) -> dict[str, str]:
    with pytest.raises(ValidationError) as refused:
        ModerateAudit.model_validate(AGREED | outcomes)
    return {".".join(map(str, e["loc"])): e["msg"] for e in refused.value.errors()}


def test_the_outcomes_travel_on_the_moderated_event():
    command = ModerateAudit.model_validate(AGREED | {
        "good_practice": True, "good_practice_note": "Synthetic: the plan was the child's own",
        "learning_needs": ["impact", "evidence", "impact"],
        "learning_needs_note": "Synthetic: say what changed for the child",
        "evidence_quality": "sound", "timeliness": "strong"})
    moderated, _ = moderate(AUDIT, command, moderation_id="m", moderator_id="mod", now=NOW)
    assert moderated.good_practice and moderated.good_practice_note.startswith("Synthetic")
    assert moderated.learning_needs == ["evidence", "impact"]
    assert (moderated.evidence_quality, moderated.timeliness) == ("sound", "strong")


def test_a_moderation_without_outcomes_and_an_old_event_still_read():
    moderated, _ = moderate(AUDIT, ModerateAudit.model_validate(AGREED), moderation_id="m",
                            moderator_id="mod", now=NOW)
    assert not moderated.good_practice and moderated.learning_needs == []
    old = moderated.model_dump(mode="json", exclude={
        "good_practice", "good_practice_note", "learning_needs", "learning_needs_note",
        "evidence_quality", "timeliness"})
    assert AuditModerated.model_validate(old).evidence_quality is None


def test_each_refusal_names_its_field():
    assert "what the good practice was" in _refused(good_practice=True)["good_practice_note"]
    assert "Tick" in _refused(good_practice_note="Synthetic note")["good_practice_note"]
    assert "good_practice_note" in _refused(good_practice=True, good_practice_note="x" * 501)
    assert "learning_needs.0" in _refused(learning_needs=["charm"])
    assert "evidence_quality" in _refused(evidence_quality="great")
    assert "timeliness" in _refused(timeliness=3)
