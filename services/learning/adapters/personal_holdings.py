"""Which of learning's collections hold a data subject's personal data, and by which field
(shared/personal_data/blanking.py blanks them when the subject is erased)."""

from shared.personal_data.blanking import ELSEWHERE, Holding

HOLDINGS = [
    Holding("results", "case_ref"),  # results delivered, the worker's reflection beside them
    Holding("circles", "case_ref", also=frozenset({"attendees"})),  # a session's are teams
    Holding("circle_proposals", "case_ref", remove=True),  # filed under the case reference
    Holding("cp_plans", "plans.case_ref"),
    # filed by the child's audit's id: good practice acknowledged in its moderation, and the
    # supervision sessions that discussed it (only that audit's entry in their list)
    Holding("good_practice", "audit_id", linked_from=ELSEWHERE),
    Holding("supervisions", "audits.id", linked_from=ELSEWHERE),
]
