"""Lifecycle, moderation, consent, standards and the directory CSV: pure rules."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from pydantic import ValidationError

from schemas.observation import KEY_MEETING_TYPES
from schemas.standards import CUSTOMER_SERVICE_STANDARDS, STANDARDS_FOR_PRACTICE
from services.audit_capture.domain.directory import parse_staff_csv, unknown_references
from services.audit_capture.domain.lifecycle import IllegalTransition, is_late, next_status
from services.audit_capture.domain.moderation import ModerateAudit, ModerationRefused
from services.audit_capture.domain.moderation import agreement_by_auditor, moderate
from services.audit_capture.domain.moderation import moderation_of
from services.audit_capture.domain.observations import RecordMeetingObservation
from services.audit_capture.domain.observations import RecordPracticeObservation

NOW = datetime(2026, 11, 20, tzinfo=UTC)
# A committed excerpt of the framework (it names its source): the repository reads nothing
# outside itself.
FRAMEWORK = Path(__file__).resolve().parents[2] / "fixtures/framework-standards.txt"


def test_standards_are_word_for_word_from_the_framework():
    quoted = [line for line in FRAMEWORK.read_text().splitlines() if not line.startswith("#")]
    text = re.sub(r"\s+", " ", " ".join(quoted))
    for n, standard in STANDARDS_FOR_PRACTICE.items():
        assert f"Standard {n} {standard}" in text
    assert len(CUSTOMER_SERVICE_STANDARDS) == 8
    assert all(s in text for s in CUSTOMER_SERVICE_STANDARDS.values())
    assert len(KEY_MEETING_TYPES) == 15 and "V5_07.17" in text


def test_the_lifecycle_allows_only_its_own_steps():
    assert next_status("allocated", "save a draft of") == "in_progress"
    assert next_status("in_progress", "submit") == "submitted"
    assert next_status("submitted", "moderate") == "moderated"
    assert next_status("moderated", "sign off") == "signed_off"
    with pytest.raises(IllegalTransition, match="cannot moderate an audit that is in progress"):
        next_status("in_progress", "moderate")
    with pytest.raises(IllegalTransition):
        next_status("submitted", "submit")
    with pytest.raises(IllegalTransition):
        next_status("in_progress", "sign off")


def test_an_open_audit_past_its_deadline_is_late():
    deadline, after = date(2026, 11, 14), date(2026, 11, 15)
    assert is_late(status="in_progress", deadline=deadline, today=after, on_time=None)
    assert not is_late(status="allocated", deadline=deadline, today=deadline, on_time=None)
    assert is_late(status="submitted", deadline=deadline, today=after, on_time=False)


AUDIT = {"_id": "a1", "month": "2026-11", "team_id": "t", "auditor_ids": ["aud"],
         "overall_grade": "good",
         "standards": [{"standard": n, "grade": "good"} for n in range(1, 7)]}


def _moderation(**changes) -> dict:
    body = {"standards": [{"standard": n, "agree": True} for n in range(1, 7)],
            "overall_agree": True}
    return body | changes


def test_moderation_changes_grades_as_facts_and_counts_agreement():
    body = _moderation(overall_agree=False, overall_grade="requires_improvement",
                       rationale="Synthetic")
    body["standards"][2] = {"standard": 3, "agree": False, "grade": "inadequate",
                            "rationale": "Synthetic: no contingency plan"}
    moderated, changes = moderate(AUDIT, ModerateAudit(**body), moderation_id="m",
                                  moderator_id="mod", now=NOW)
    assert [(c.standard, c.previous_grade, c.grade) for c in changes] == [
        (3, "good", "inadequate"), (None, "good", "requires_improvement")]
    assert moderated.agreed_count == 5
    table = agreement_by_auditor([moderated, moderated.model_copy(update={"agreed_count": 7})])
    assert table["aud"] == {"moderated": 2, "judgements": 14, "agreed": 12,
                            "agreement_rate": 0.857}


def test_the_stored_grades_follow_from_the_grade_change_events():
    body = _moderation(overall_agree=False, overall_grade="requires_improvement",
                       rationale="Synthetic")
    body["standards"][2] = {"standard": 3, "agree": False, "grade": "inadequate",
                            "rationale": "Synthetic: no contingency plan"}
    submitted = AUDIT | {"status": "submitted"}
    moderation = moderation_of(submitted, ModerateAudit(**body), moderation_id="m",
                               moderator_id="mod", now=NOW)
    stored = moderation.audit_changes
    grades = {s["standard"]: s["grade"] for s in stored["standards"]}
    for change in moderation.grade_changes:
        now_kept = grades[change.standard] if change.standard else stored["overall_grade"]
        assert now_kept == change.grade.value
    assert grades == {n: "inadequate" if n == 3 else "good" for n in range(1, 7)}
    assert stored["grade_changes"] == [c.model_dump(mode="json")
                                       for c in moderation.grade_changes]
    assert stored["moderation"] == moderation.moderated.model_dump(mode="json")
    assert stored["status"] == moderation.status == "moderated"
    with pytest.raises(IllegalTransition, match="cannot moderate an audit that is moderated"):
        moderation_of(AUDIT | {"status": "moderated"}, ModerateAudit(**body), moderation_id="m",
                      moderator_id="mod", now=NOW)


def test_moderation_rules():
    with pytest.raises(ModerationRefused, match="own audit"):
        moderate(AUDIT, ModerateAudit(**_moderation()), moderation_id="m", moderator_id="aud",
                 now=NOW)
    body = _moderation()
    body["standards"][0] = {"standard": 1, "agree": False}
    with pytest.raises(ValidationError, match="needs a rationale"):
        ModerateAudit(**body)
    with pytest.raises(ValidationError, match="only when overall_agree is false"):
        ModerateAudit(**_moderation(overall_grade="good"))


def test_a_practice_observation_needs_consent():
    body = {"worker_id": "w", "team_id": "t", "observed_on": "2026-11-02",
            "critique": "Synthetic critique", "consent_confirmed": False}
    with pytest.raises(ValidationError) as refused:
        RecordPracticeObservation(**body)
    assert refused.value.errors()[0]["loc"] == ("consent_confirmed",)
    assert RecordPracticeObservation(**body | {"kind": "supervision"}).kind == "supervision"
    assert RecordPracticeObservation(**body | {"consent_confirmed": True}).consent_confirmed


def test_a_meeting_observation_is_of_a_key_meeting_type():
    body = {"meeting_type": "Core Group meeting", "observed_on": "2026-11-02",
            "chair_discussion": "Synthetic", "learning": "Synthetic"}
    assert RecordMeetingObservation(**body).meeting_type == "Core Group meeting"
    with pytest.raises(ValidationError, match="15 key meeting types"):
        RecordMeetingObservation(**body | {"meeting_type": "Coffee morning"})


def test_the_directory_csv_names_each_bad_row_and_unknown_reference():
    csv_text = ("person_id,display_name,team_id,team_name,job_role,line_manager_id,audit_group\n"
                "p1,Test One,t1,Team One,Manager,,2\n"
                "p2,Test Two,t1,,Worker,ghost,\n")
    staff, teams, problems = parse_staff_csv(csv_text)
    assert problems == [] and staff[0].audit_group == 2 and teams[0].name == "Team One"
    unknown = unknown_references(staff, known_people=set(), known_teams={"t1"})
    assert unknown == [{"loc": ["row", 3, "line_manager_id"],
                        "msg": "ghost is not in the staff directory", "type": "value_error"}]
    _, _, bad = parse_staff_csv(csv_text.replace(",,2\n", ",,7\n"))
    assert bad[0]["loc"] == ["row", 2, "audit_group"]
