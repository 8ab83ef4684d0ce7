"""Rotation, sampling and allocation: pure rules."""

from __future__ import annotations

import pytest

from services.audit_capture.domain.allocation import AllocateCase, AllocationRefused, allocate
from services.audit_capture.domain.programme import PlanProgramme, plan_programme
from services.audit_capture.domain.rotation import PlannedDuty, rotation
from services.audit_capture.domain.sampling import Case, draw_sample, exclusion_window
from services.audit_capture.domain.selection import parse_cases


def test_rotation_follows_the_frameworks_table_and_repeats():
    rows = [rotation(m, first_month="2026-04") for m in
            ("2026-04", "2026-05", "2026-06", "2026-07", "2026-03")]
    as_table = [(r.audit_group, r.moderation_group, r.improvement_group) for r in rows]
    assert as_table == [(1, 2, 3), (3, 1, 2), (2, 3, 1), (1, 2, 3), (2, 3, 1)]
    assert rows[1].duty_of(2) == "improvement" and rows[1].cycle_month == 2


def test_a_programme_has_a_theme_per_month_and_the_rotation():
    months = plan_programme(PlanProgramme(first_month="2026-11", themes=["A", "B", "C"]),
                            planned_by="hoq")
    assert [(m.month, m.theme, m.audit_group) for m in months] == [
        ("2026-11", "A", 1), ("2026-12", "B", 3), ("2027-01", "C", 2)]


def _audit_groups(months):
    return [(m.month, m.audit_group) for m in months]


def test_rotation_continues_from_the_last_planned_month_after_a_programme_ends():
    # A programme from 2026-06 (the calendar anchor is 2026-04) ends with group 3 auditing in
    # 2026-07; the anchor would give group 3 the month after as well.
    programme = plan_programme(PlanProgramme(first_month="2026-06", themes=["T", "U"]),
                               planned_by="hoq")
    assert _audit_groups(programme) == [("2026-06", 1), ("2026-07", 3)]
    assert rotation("2026-08", first_month="2026-04").audit_group == 3  # the old rule
    last = PlannedDuty("2026-07", 3)
    after = rotation("2026-08", first_month="2026-04", before=last)
    assert (after.audit_group, after.moderation_group, after.improvement_group) == (2, 3, 1)
    assert after.cycle_month == 3
    assert [rotation(m, first_month="2026-04", before=last).audit_group
            for m in ("2026-08", "2026-09", "2026-10", "2026-11")] == [2, 1, 3, 2]


def test_a_new_programme_starts_where_the_last_one_left_off():
    first = plan_programme(PlanProgramme(first_month="2026-04", themes=["T"] * 10),
                           planned_by="hoq")
    second = plan_programme(PlanProgramme(first_month="2027-02", themes=["A", "B", "C", "D"]),
                            planned_by="hoq",
                            before=PlannedDuty(first[-1].month, first[-1].audit_group))
    groups = [g for _, g in _audit_groups(first + second)]
    assert all(a != b for a, b in zip(groups, groups[1:]))
    assert _audit_groups(second) == [("2027-02", 3), ("2027-03", 2), ("2027-04", 1),
                                     ("2027-05", 3)]
    assert second[0].moderation_group == 1 and second[0].improvement_group == 2


def test_a_gap_between_programmes_keeps_counting_months():
    # Nothing planned for 2027-02 and 2027-03: the cycle runs on through them.
    second = plan_programme(PlanProgramme(first_month="2027-04", themes=["A"]),
                            planned_by="hoq", before=PlannedDuty("2027-01", 1))
    assert _audit_groups(second) == [("2027-04", 1)]


def test_a_programme_before_any_other_counts_back_from_the_next_one():
    earlier = plan_programme(PlanProgramme(first_month="2025-12", themes=["A", "B"]),
                             planned_by="hoq", after=PlannedDuty("2026-02", 1))
    assert _audit_groups(earlier) == [("2025-12", 3), ("2026-01", 2)]
    assert rotation("2026-01", first_month="2026-04",
                    after=PlannedDuty("2026-02", 1)).audit_group == 2


CASES = [Case(f"C{n:02d}", "team-a" if n % 3 else "team-b", ["CIN", "CP", "LAC"][n % 3])
         for n in range(30)]


def test_the_same_seed_gives_the_same_sample_whatever_the_import_order():
    one = draw_sample(CASES, size=6, seed=42, method="random", recently_audited=set())
    two = draw_sample(list(reversed(CASES)), size=6, seed=42, method="random",
                      recently_audited=set())
    other = draw_sample(CASES, size=6, seed=43, method="random", recently_audited=set())
    assert one == two and one != other and len(one.chosen) == 6


def test_stratified_sampling_is_proportional_to_each_category():
    sample = draw_sample(CASES, size=9, seed=1, method="stratified", recently_audited=set())
    categories = [c.case.category for c in sample.chosen]
    assert {k: categories.count(k) for k in ("CIN", "CP", "LAC")} == {"CIN": 3, "CP": 3, "LAC": 3}


def test_cases_audited_in_the_last_12_months_are_skipped_unless_overridden():
    recent = {c.case_ref for c in CASES[:25]}
    sample = draw_sample(CASES, size=10, seed=5, method="random", recently_audited=recent)
    assert {c.case.case_ref for c in sample.chosen} == {c.case_ref for c in CASES[25:]}
    assert len(sample.skipped_recently_audited) == 25
    kept = draw_sample(CASES, size=10, seed=5, method="random", recently_audited=recent,
                       overrides={"C00": "Synthetic reason"})
    assert "C00" not in kept.skipped_recently_audited
    assert exclusion_window("2026-11") == ("2025-12", "2026-11")


def test_manual_additions_come_with_their_reason():
    extra = Case("X1", "team-a", "CP")
    sample = draw_sample(CASES, size=2, seed=5, method="random", recently_audited=set(),
                         additions=[(extra, "Synthetic: requested by the head of service")])
    assert sample.chosen[0].case == extra and sample.chosen[0].reason.startswith("Synthetic")
    assert len(sample.chosen) == 3


def _allocate(auditors, groups, already=frozenset()):
    return allocate(AllocateCase(case_ref="C1", team_id="t", auditor_ids=auditors),
                    month="2026-11", audit_group=1, groups=groups,
                    already_allocated=set(already), allocation_id="x", allocated_by="hoq")


def test_allocation_has_a_two_week_window_and_needs_the_months_audit_group():
    fact = _allocate(["a", "b"], {"a": 1, "b": 1})
    assert (str(fact.window_starts_on), str(fact.deadline)) == ("2026-11-01", "2026-11-14")
    with pytest.raises(AllocationRefused, match="not in audit group 1"):
        _allocate(["a"], {"a": 2})
    with pytest.raises(AllocationRefused, match="not in the staff directory"):
        _allocate(["a"], {})
    with pytest.raises(AllocationRefused, match="already has a case") as refused:
        _allocate(["a"], {"a": 1}, already={"a"})
    assert refused.value.conflict


def test_the_case_list_csv_names_each_bad_row():
    rows, problems = parse_cases("case_ref,team_id,category\nC1,t,CP\nC2,t,\n")
    assert rows == [{"case_ref": "C1", "team_id": "t", "category": "CP",
                     "social_worker_id": None, "cp_plan_number": None,
                     "cp_plan_end_date": None, "cp_plan_start_date": None}]
    assert problems[0][0] == ["row", 3, "category"]
    assert parse_cases("case_ref,team_id,category\n") == ([], [(["csv_text"], "no case rows")])
