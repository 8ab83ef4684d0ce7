"""An import that stopped showing signs of life is shown as interrupted, with what to do."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from services.feedback_ingestion.domain.imports import shown_status, with_shown_status

pytestmark = pytest.mark.unit
NOW = datetime(2026, 11, 27, 12, 0, tzinfo=UTC)
STALE = timedelta(minutes=5)


def test_a_running_import_with_recent_progress_is_running():
    record = {"status": "running", "progress_at": NOW - timedelta(minutes=4)}
    assert shown_status(record, now=NOW, stale_after=STALE) == "running"


def test_a_silent_running_import_was_interrupted_and_says_what_to_do():
    record = {"status": "running", "started_at": NOW - timedelta(hours=1),
              "progress_at": (NOW - timedelta(minutes=6)).replace(tzinfo=None)}  # as stored
    shown = with_shown_status(record, now=NOW, stale_after=STALE)
    assert shown["status"] == "interrupted" and "same file again" in shown["note"]


def test_finished_imports_keep_their_status():
    for status in ("done", "refused", "failed"):
        record = {"status": status, "progress_at": NOW - timedelta(days=3)}
        assert with_shown_status(record, now=NOW, stale_after=STALE) == record
