"""Whether an improvement action was completed in time: against the due date it was raised
with, always. A new date agreed later (with a reason) is shown beside it but does not make a
late completion an on-time one, or every late action could be made on time by agreeing a
date after the fact. Action tracking and reporting both count it here."""

from __future__ import annotations

from datetime import date


def completed_in_time(completed_on: date | str | None, original_due_date: date | str) -> bool:
    """Completed on or before the original due date (ISO days compare as text)."""
    return completed_on is not None and str(completed_on)[:10] <= str(original_due_date)[:10]


def met_agreed_date_only(completed_on: date | str | None, original_due_date: date | str,
                         agreed_due_date: date | str | None) -> bool:
    """Late against the original, yet by the date agreed since: shown, never counted in time."""
    return (completed_on is not None and agreed_due_date is not None
            and not completed_in_time(completed_on, original_due_date)
            and str(completed_on)[:10] <= str(agreed_due_date)[:10])
