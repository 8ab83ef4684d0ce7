"""Cells that a spreadsheet would run as formulas are written as text (shared/cells.py)."""

from __future__ import annotations

import pytest

from shared.cells import inert

pytestmark = pytest.mark.unit


@pytest.mark.parametrize("text", ["=1+1", "+SUM(A1)", "-2+3", "@SUM(A1)", "\t=1", "\r=1",
                                  '=HYPERLINK("http://fictional.invalid")'])
def test_formula_text_gets_an_apostrophe(text):
    assert inert(text) == "'" + text


@pytest.mark.parametrize("value", ["Good", "-12.5", "+3", "", 42, -7, None, "a=b"])
def test_numbers_and_plain_text_stay_as_they_are(value):
    assert inert(value) == value
