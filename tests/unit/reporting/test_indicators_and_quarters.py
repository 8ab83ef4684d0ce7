"""Locality indicators (parsing, targets) and a quarter's briefing, as pure functions."""

from __future__ import annotations

from datetime import date

from services.reporting.domain.briefing import BriefingFacts, period_briefing
from services.reporting.domain.indicator_import import parse_indicators
from services.reporting.domain.indicators import by_month, locality_indicators, target_met
from services.reporting.domain.periods import months_between
from services.reporting.domain.report_tables import CLINIC_TABLES

HEADER = "team_id,month,indicator,value,target,better,practice_issue\n"


def test_a_clean_file_gives_rows_and_a_bad_one_names_lines_and_columns():
    rows, problems = parse_indicators(HEADER + "t1,2026-01,Visits,80,90,,Late visits\n", {"t1"})
    assert problems == [] and rows[0].value == 80 and rows[0].better == "higher"
    _, problems = parse_indicators(
        HEADER + "t1,2026-1,Visits,x,,sideways,\nt2,2026-01,Visits,1,,,mail a@b.org\n", {"t1"})
    assert {(p["line"], p["field"]) for p in problems} == {
        (2, "month"), (2, "value"), (2, "better"), (3, "team_id"), (3, "practice_issue")}
    _, problems = parse_indicators("team_id,month\n", {"t1"})
    assert [p["field"] for p in problems] == ["indicator", "value"]


def test_targets_know_which_way_is_better():
    assert target_met(92, 90, "higher") and not target_met(92, 90, "lower")
    assert target_met(5, None, "higher") is None
    rows = [{"indicator": "B", "month": "2026-02", "value": 1.0, "target": 2.0, "better": "lower"},
            {"indicator": "A", "month": "2026-01", "value": 3.0, "target": None},
            {"indicator": "A", "month": "2025-12", "value": 9.0}]
    shown = locality_indicators(rows, ["2026-01", "2026-02"])
    assert [(i["indicator"], i["met"]) for i in shown] == [("A", None), ("B", True)]
    assert by_month(shown, ["2026-01", "2026-02"]) == [
        {"month": "2026-01", "A": 3.0, "B": None}, {"month": "2026-02", "A": None, "B": 1.0}]


def test_a_quarter_adds_its_months_and_has_no_sign_off():
    audits = [{"month": m, "overall_grade": "good", "impact_grade": "good", "standards": {}}
              for m in ("2026-01", "2026-02", "2026-02", "2026-04")]
    body = period_briefing(BriefingFacts(audits=audits),
                           period=months_between("2026-01", "2026-03"),
                           months=["2026-01", "2026-02", "2026-03"], today=date(2026, 5, 1),
                           filters={}, planned_sample=4, quarter="2026-Q1")
    assert body["audits"]["completed"] == 3 and body["moderation"]["planned_sample"] == 4
    assert body["as_of"] == "2026-03-31" and body["month"] is None and not body["empty"]


def test_clinic_tables_show_indicators_and_only_the_readers_individuals():
    pack = {"locality_indicators": [{"indicator": "A", "month": "2026-01", "value": 3.0,
                                     "target": 2.0, "better": "higher", "met": True}],
            "individuals_needing_support": []}
    assert CLINIC_TABLES["indicators"](pack)[1] == [["A", "2026-01", 3.0, 2.0, "higher", "yes"]]
    assert CLINIC_TABLES["individuals"](pack)[1] == []
