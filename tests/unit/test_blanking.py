"""Blanking an erased subject (shared/personal_data/blanking.py): the object naming the
subject loses its marked text, another child's beside it and every figure stay."""

from shared.personal_data.blanking import ERASED, MARKED_NAMES, blank_where


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
