"""Sealing personal data with its subject's key (shared/personal_data/sealing.py)."""

import pytest

from shared.personal_data.sealing import (ERASED_TEXT, Unreadable, is_sealed, new_key,
                                          open_fields, open_sealed, seal, seal_fields,
                                          sealed_key_ids)

KEY, OTHER = new_key(), new_key()


@pytest.mark.parametrize("value", ["Fictional Child A said the bus was late", {"name": "x"},
                                   ["a", 1], 9876543210])
def test_a_sealed_value_opens_with_its_key_only(value):
    sealed = seal(value, kid="k1", key=KEY)
    assert is_sealed(sealed) and str(value) not in sealed
    assert open_sealed(sealed, KEY) == value
    with pytest.raises(Unreadable):
        open_sealed(sealed, OTHER)
    with pytest.raises(Unreadable):
        open_sealed(sealed, None)


def test_the_same_value_seals_differently_each_time():
    assert seal("CASE-FICT-1", kid="k1", key=KEY) != seal("CASE-FICT-1", kid="k1", key=KEY)


def test_a_value_moved_under_another_key_id_does_not_open():
    moved = seal("secret", kid="k1", key=KEY).replace(":k1:", ":k2:")
    with pytest.raises(Unreadable):
        open_sealed(moved, KEY)


def test_damaged_text_does_not_open():
    sealed = seal("secret", kid="k1", key=KEY)
    with pytest.raises(Unreadable):
        open_sealed(sealed[:-4] + "AAAA", KEY)
    with pytest.raises(Unreadable):
        open_sealed("pd1:k1:s:not base64!", KEY)


def test_a_key_id_with_the_separator_is_refused():
    with pytest.raises(ValueError):
        seal("x", kid="a:b", key=KEY)


AUDIT = {"audit_id": "a-1", "case_ref": "CASE-FICT-0001", "grade": "good",
         "standards": [{"number": 1, "evidence": "Fictional note one"},
                       {"number": 2, "evidence": None}],
         "complainant": {"name": "Fictional Parent", "relationship": "parent"},
         "themes": ["timeliness", "contact"]}
PATHS = ["case_ref", "standards.evidence", "complainant", "themes", "absent.field"]


def test_marked_fields_are_sealed_and_the_rest_left_clear():
    sealed = seal_fields(AUDIT, PATHS, kid="k1", key=KEY)
    assert sealed["audit_id"] == "a-1" and sealed["grade"] == "good"
    assert is_sealed(sealed["case_ref"]) and is_sealed(sealed["complainant"])
    assert is_sealed(sealed["standards"][0]["evidence"])
    assert sealed["standards"][1]["evidence"] is None  # nothing there to seal
    assert all(is_sealed(t) for t in sealed["themes"])  # each item stays a string
    assert "Fictional" not in str(sealed) and "CASE-FICT" not in str(sealed)
    assert AUDIT["case_ref"] == "CASE-FICT-0001"  # the original is untouched
    assert sealed_key_ids(sealed) == {"k1"}


def test_sealing_twice_changes_nothing_more():
    once = seal_fields(AUDIT, PATHS, kid="k1", key=KEY)
    assert seal_fields(once, PATHS, kid="k2", key=OTHER) == once


def test_opened_with_the_key_the_data_is_as_it_was():
    opened = open_fields(seal_fields(AUDIT, PATHS, kid="k1", key=KEY), {"k1": KEY})
    assert opened.data == AUDIT and opened.erased == 0 and opened.key_ids == {"k1"}


def test_without_the_key_every_sealed_field_reads_as_erased_and_is_counted():
    opened = open_fields(seal_fields(AUDIT, PATHS, kid="k1", key=KEY), {"k1": None})
    assert opened.data["case_ref"] == ERASED_TEXT
    assert opened.data["standards"][0]["evidence"] == ERASED_TEXT
    assert opened.data["complainant"] is None  # not text: absent rather than garbage
    assert opened.data["themes"] == [ERASED_TEXT, ERASED_TEXT]
    assert opened.data["grade"] == "good"  # figures stay
    assert opened.erased == 5


def test_a_wrong_key_reads_as_erased_never_as_garbage():
    opened = open_fields(seal_fields(AUDIT, ["case_ref"], kid="k1", key=KEY), {"k1": OTHER})
    assert opened.data["case_ref"] == ERASED_TEXT and opened.erased == 1
