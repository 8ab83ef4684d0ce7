"""Which of action tracking's collections hold a data subject's personal data, and by which
field (shared/personal_data/blanking.py blanks them when the subject is erased)."""

from shared.personal_data.blanking import ELSEWHERE, Holding

HOLDINGS = [
    Holding("actions", "case_ref"),
    Holding("alerts", "case_ref"),
    # actions raised by the child's audit, complaint or observation carry no case reference:
    # they are filed by their origin's id, and their alerts by the action's id
    Holding("actions", "origin.id", linked_from=ELSEWHERE),
    Holding("alerts", "action_id", linked_from="actions"),
]
