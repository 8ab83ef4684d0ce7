"""Times shown to people are in England's time (issue 11), across the clock changes: BST
from 01:00 UTC on 2026-03-29, GMT again from 01:00 UTC on 2026-10-25."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from shared.england_time import england_date, england_time
from shared.web.pages import page_templates


@pytest.mark.parametrize(("utc", "shown"), [
    ("2026-03-29T00:59:00Z", "2026-03-29 at 00:59 GMT"),    # the last minute of winter
    ("2026-03-29T01:00:00Z", "2026-03-29 at 02:00 BST"),    # clocks go forward
    ("2026-07-01T23:30:00+00:00", "2026-07-02 at 00:30 BST"),  # a summer night: next day
    ("2026-10-25T00:30:00Z", "2026-10-25 at 01:30 BST"),    # the first 01:30
    ("2026-10-25T01:30:00Z", "2026-10-25 at 01:30 GMT"),    # the second, an hour later
    ("2026-12-31T23:30:00Z", "2026-12-31 at 23:30 GMT"),    # winter: England is UTC
])
def test_a_utc_moment_is_shown_in_england_time_labelled(utc, shown):
    assert england_time(utc) == shown


def test_datetimes_as_the_store_returns_them_aware_or_naive_are_utc():
    aware = datetime(2026, 6, 1, 8, 15, tzinfo=UTC)
    assert england_time(aware) == "2026-06-01 at 09:15 BST"
    assert england_time(aware.replace(tzinfo=None)) == "2026-06-01 at 09:15 BST"


def test_the_day_is_the_day_in_england():
    assert england_date("2026-07-01T23:30:00Z") == "2026-07-02"
    assert england_date(datetime(2026, 3, 28, 23, 30, tzinfo=UTC)) == "2026-03-28"
    assert england_date(date(2026, 10, 25)) == "2026-10-25"  # a day stays that day
    assert england_date("2026-10-25") == "2026-10-25"


def test_nothing_recorded_shows_nothing():
    assert england_time(None) == "" and england_date("") == ""


def test_every_services_pages_have_the_filters():
    env = page_templates().env
    shown = env.from_string("{{ t|local_time }} / {{ t|local_date }}").render(
        t="2026-10-24T23:30:00Z")
    assert shown == "2026-10-25 at 00:30 BST / 2026-10-25"


def test_exports_show_a_moment_in_england_time():
    from services.reporting.entrypoints.formats.files import to_csv

    moment = datetime(2026, 10, 25, 0, 30, tzinfo=UTC)
    csv_text = to_csv((["Recorded"], [[moment], [date(2026, 10, 25)]])).decode("utf-8-sig")
    assert csv_text.splitlines() == ["Recorded", "2026-10-25 at 01:30 BST", "2026-10-25"]
