from datetime import date

import pytest

from shared.workdays import add_working_days, is_working_day, working_days_between


@pytest.mark.parametrize("day", [
    date(2026, 12, 25),  # Christmas Day
    date(2026, 12, 28),  # Boxing Day's substitute (26th is a Saturday)
    date(2027, 3, 26),   # Good Friday
    date(2026, 8, 31),   # summer bank holiday
    date(2026, 11, 28),  # a Saturday
])
def test_days_that_are_not_working_days(day):
    assert not is_working_day(day)


def test_ten_working_days_across_christmas():
    assert add_working_days(date(2026, 12, 21), 10) == date(2027, 1, 7)


def test_counting_back_and_forth_agree():
    start = date(2026, 12, 23)
    end = add_working_days(start, 25)
    assert working_days_between(start, end) == 25
    assert working_days_between(end, start) == -25
