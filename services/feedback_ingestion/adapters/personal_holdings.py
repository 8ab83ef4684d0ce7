"""Which of feedback ingestion's collections hold a data subject's personal data, and by which
field (shared/personal_data/blanking.py blanks them when the subject is erased)."""

from shared.personal_data.blanking import Holding

from .items import ITEMS

HOLDINGS = [
    Holding(ITEMS, "case_ref"),  # feedback items and complaints alike
    Holding("quarantine", "content.case_ref"),  # what was sent, item or file row, as sent
]
