"""The demo's allocations (tools/demo/allocation_data.py, pure): each sampled case to a
different auditor of the month's audit group, never more cases than auditors, a few left
unaudited in the latest month only, and each audit submitted in its window or, if late,
within a week after the deadline; reproducible from the run."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from services.audit_capture.domain.allocation import WINDOW
from shared.months import months_back
from tools.demo.allocation_data import Allocations
from tools.demo.data import Population

MONTHS = months_back("2026-11", 12)
NOW = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)
PEOPLE = Population([f"demo-team-{t:02d}" for t in range(1, 21)], 250)


def sampled(n: int) -> list[dict]:
    return [{"case_ref": f"DEMO-CHILD-demo-team-01-{i:02d}", "team_id": "demo-team-01",
             "category": "cp", "social_worker_id": "demo-sw-01-01"} for i in range(n)]


def test_one_case_per_auditor_of_the_group_and_no_more_cases_than_auditors():
    auditors = PEOPLE.groups[1]
    allocations = Allocations("demo-7-demo-team", MONTHS)
    size = allocations.sample_size(auditors, 60)
    assert size == len(auditors) == 13
    given = allocations.allocate(MONTHS[0], sampled(size), auditors)
    assert len({a.auditor_id for a in given}) == size
    assert {a.auditor_id for a in given} <= set(auditors)
    assert all(a.audited for a in given)  # a past month: every allocation audited


def test_a_few_left_unaudited_in_the_latest_month_only():
    auditors = PEOPLE.groups[2]
    allocations = Allocations("demo-7-demo-team", MONTHS)
    latest = allocations.allocate(MONTHS[-1], sampled(len(auditors)), auditors)
    still_open = [a for a in latest if not a.audited]
    assert 1 <= len(still_open) <= len(latest) // 4
    assert all(a.audited for a in allocations.allocate(MONTHS[-2], sampled(5), auditors))


def test_submitted_in_the_window_or_within_a_week_of_the_deadline_never_in_the_future():
    allocations = Allocations("demo-7-demo-team", MONTHS)
    for month in MONTHS:
        allocation = allocations.allocate(month, sampled(1), PEOPLE.groups[1])[0]
        assert allocation.deadline == datetime.fromisoformat(f"{month}-01").date() + WINDOW \
            - timedelta(days=1)  # as audit capture sets it
        on_time = allocations.submitted_at(allocation, late=False, now=NOW)
        late = allocations.submitted_at(allocation, late=True, now=NOW)
        assert f"{month}-02" <= on_time.date().isoformat() <= str(allocation.deadline)
        assert allocation.deadline < late.date() <= allocation.deadline + timedelta(days=7)
        assert on_time.strftime("%Y-%m") == late.strftime("%Y-%m") == month
        assert 9 <= on_time.hour <= 16 and late < NOW


def test_reproducible_from_the_run():
    def draw(run: str):
        allocations = Allocations(run, MONTHS)
        return [(a.auditor_id, allocations.submitted_at(a, late=False, now=NOW))
                for a in allocations.allocate(MONTHS[0], sampled(10), PEOPLE.groups[3])]
    assert draw("demo-7-x") == draw("demo-7-x") != draw("demo-8-x")
