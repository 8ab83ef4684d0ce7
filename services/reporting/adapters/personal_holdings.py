"""Which of reporting's read models hold a data subject's data (shared/personal_data/
blanking.py blanks them when the subject is erased). Reporting keeps no case reference: an
audit is filed under `case_key`, a hash of it. The hash is blanked too: anyone with a case
reference can compute it, so it links the audit to the child as surely as the reference."""

from typing import Any

from shared.personal_data.blanking import ELSEWHERE, Holding

from ..domain import names
from ..domain.facts.audits import case_key
from .generations import Generations, physical

HOLDINGS = [
    Holding(names.AUDITS, "case_key", stored_as=case_key),
    # the moderator's note on good practice in the child's audit, filed by audit id
    Holding(names.GOOD_PRACTICE, "audit_id", linked_from=names.AUDITS),
    # facts filed by the id of one of the child's records in another service (no case_key)
    *(Holding(name, "audit_id", linked_from=ELSEWHERE) for name in (
        names.MODERATIONS, names.GRADE_CHANGES, names.CONCERNS, names.SUPERVISION_DISCUSSIONS)),
    *(Holding(name, "_id", linked_from=ELSEWHERE) for name in (
        names.RESULTS_SHARED, names.FEEDBACK, names.SAFETY_LINKS, names.COMPLAINTS,
        names.OBSERVATIONS, names.CHECKLISTS)),
    Holding(names.ACTIONS, "origin_id", linked_from=ELSEWHERE),
]


def current_collections(app: Any):
    """A declared read model's collection in the generation now serving."""
    generations = Generations(app.state.runtime.store)

    async def name(collection: str) -> str:
        return physical(collection, await generations.active())
    return name
