"""Themes defined on a page: ids from titles, questions one a line keeping their ids across
edits, retired themes refused (pure rules, domain/themes.py)."""

from __future__ import annotations

from services.audit_capture.domain.themes import questions_from_lines, retired_refusal
from services.audit_capture.domain.themes import theme_id_for


def test_a_new_themes_id_comes_from_its_title():
    assert theme_id_for("Response to domestic abuse") == "response-to-domestic-abuse"
    assert theme_id_for("  Neglect: éarly help?  ") == "neglect-early-help"
    assert theme_id_for("!!!") == "theme"


def test_questions_one_a_line_keep_their_ids_when_edited():
    first = questions_from_lines(["Is the plan clear?", "", "Was the child seen?"], [])
    assert [(q.id, q.text) for q in first] == [("q1", "Is the plan clear?"),
                                               ("q2", "Was the child seen?")]
    existing = [q.model_dump() for q in first]
    edited = questions_from_lines(["Was the child seen?", "Is the school involved?",
                                   "Was the child seen?"], existing)
    # The kept question keeps q2; the new one is q3, never the removed q1 again.
    assert [(q.id, q.text) for q in edited] == [("q2", "Was the child seen?"),
                                                ("q3", "Is the school involved?")]


def test_a_retired_theme_is_refused_with_the_reason():
    assert retired_refusal({"title": "Neglect", "questions": []}) is None
    why = retired_refusal({"title": "Neglect", "retired_at": "2026-11-30T10:00:00Z"})
    assert why and "retired" in why and "Neglect" in why
