"""Months written YYYY-MM: arithmetic the programme and the 12-month rule need (pure)."""

from __future__ import annotations

from datetime import date


def month_index(month: str) -> int:
    year, number = month.split("-")
    return int(year) * 12 + int(number) - 1


def month_from_index(index: int) -> str:
    return f"{index // 12:04d}-{index % 12 + 1:02d}"


def add_months(month: str, count: int) -> str:
    return month_from_index(month_index(month) + count)


def first_day(month: str) -> date:
    year, number = month.split("-")
    return date(int(year), int(number), 1)


def month_of(day: date) -> str:
    return f"{day.year:04d}-{day.month:02d}"
