"""Which of action tracking's collections hold a data subject's personal data, and by which
field (shared/personal_data/blanking.py blanks them when the subject is erased)."""

from shared.personal_data.blanking import Holding

HOLDINGS = [
    Holding("actions", "case_ref"),
    Holding("alerts", "case_ref"),
]
