"""Blanking an erased subject (shared/personal_data/blanking.py): the object naming the
subject loses its marked text, another child's beside it and every figure stay."""

from services.data_protection.domain.erasures import pending
from shared.personal_data.blanking import (AMBIGUOUS_NAMES, ERASED, MARKED_NAMES, blank_named,
                                           blank_where, names_whole_record)


def test_a_record_naming_the_child_loses_its_text_and_keeps_its_figures():
    audit = {"_id": "a-1", "case_ref": "FICT-0001", "overall_grade": "good", "month": "2026-01",
             "standards": [{"standard": 1, "grade": "good", "evidence": "Fictional words"}],
             "child_view": {"status": "seen", "summary": "Fictional child's view"},
             "actions_raised": 2}
    blanked, found = blank_where(audit, ["case_ref"], "FICT-0001", MARKED_NAMES | {"case_ref"})
    assert found
    assert blanked["case_ref"] == ERASED
    assert blanked["standards"][0] == {"standard": 1, "grade": "good", "evidence": ERASED}
    assert blanked["child_view"] == {"status": "seen", "summary": ERASED}
    assert (blanked["_id"], blanked["overall_grade"], blanked["month"],
            blanked["actions_raised"]) == ("a-1", "good", "2026-01", 2)


def test_only_the_childs_entry_in_a_list_is_blanked():
    month = {"_id": "2026-01", "cases": [{"case_ref": "FICT-0001", "reason": "Fictional a"},
                                         {"case_ref": "FICT-0002", "reason": "Fictional b"}]}
    blanked, found = blank_where(month, ["cases", "case_ref"], "FICT-0002", MARKED_NAMES)
    assert found
    assert blanked["cases"] == [{"case_ref": "FICT-0001", "reason": "Fictional a"},
                                {"case_ref": ERASED, "reason": ERASED}]


def test_a_record_about_someone_else_is_left_as_it_was():
    item = {"_id": "f-1", "case_ref": "FICT-0003", "text": "Fictional feedback"}
    assert blank_where(item, ["case_ref"], "FICT-0001", MARKED_NAMES) == (item, False)


def test_a_record_filed_under_another_records_id_is_whole_but_a_list_entry_is_not():
    action = {"_id": "act-1", "origin": {"kind": "audit", "id": "a-1"}}
    month = {"_id": "2026-01", "cases": [{"case_ref": "FICT-0001"}]}
    assert names_whole_record(action, ["origin", "id"])
    assert names_whole_record(action, ["_id"])
    assert not names_whole_record(month, ["cases", "case_ref"])


def test_categories_that_figures_count_are_not_blanked_by_name():
    """Complaints' themes and a checklist's answers are counted by the briefing; the same
    names are free text in other events, so erasure leaves them unless a holding asks."""
    assert {"themes", "answer"} <= AMBIGUOUS_NAMES
    assert not AMBIGUOUS_NAMES & MARKED_NAMES
    complaint = {"_id": "c-1", "summary": "Fictional words", "themes": ["communication"]}
    assert blank_named(complaint, MARKED_NAMES) == {
        "_id": "c-1", "summary": ERASED, "themes": ["communication"]}


def test_an_erasure_asks_again_a_service_that_confirmed_before_new_records_were_named():
    erasure = {"records": ["a-1", "act-1"], "confirmed": {
        "audit_capture": {"with_records": 2}, "learning": {"with_records": 1}}}
    assert pending(erasure, ["audit_capture", "learning", "reporting"]) == [
        "learning", "reporting"]
