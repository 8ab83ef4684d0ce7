"""Which of audit capture's collections hold a data subject's personal data, and by which
field (shared/personal_data/blanking.py blanks them when the subject is erased)."""

from shared.personal_data.blanking import Holding

from .audits import AUDITS
from .observations import OBSERVATIONS

HOLDINGS = [
    Holding(AUDITS, "case_ref"),
    Holding("themed_audits", "case_ref"),
    Holding(OBSERVATIONS, "case_ref"),  # conference chairs' checklists name the child
    Holding("programme_months", "sample.case_ref"),
    Holding("programme_months", "cases.case_ref"),
]
