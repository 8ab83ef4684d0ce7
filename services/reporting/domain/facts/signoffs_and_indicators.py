"""Facts of reporting's own events: the briefing's sign-off (qa.briefing) and imported
locality indicators (qa.performance)."""

from __future__ import annotations

from schemas.briefing import BriefingSignedOff, StaffBriefingPublished
from schemas.performance import LocalityIndicatorRecorded

from .. import names
from .fact import Fact


def signoff_facts(e: BriefingSignedOff) -> list[Fact]:
    return [Fact(names.SIGNOFFS, e.month, {
        "month": e.month, "themes": e.themes, "outstanding_practice": e.outstanding_practice,
        "commentary": e.commentary, "signed_off_by": e.signed_off_by,
        "signed_off_at": e.signed_off_at.isoformat(), "revision": e.revision})]


def staff_briefing_facts(e: StaffBriefingPublished) -> list[Fact]:
    # The lessons are kept as written (like the sign-off's commentary): the sheet shows them.
    return [Fact(names.STAFF_BRIEFINGS, e.half, {
        "half": e.half, "lessons": e.lessons, "published_by": e.published_by,
        "published_at": e.published_at.isoformat(), "revision": e.revision})]


def indicator_facts(e: LocalityIndicatorRecorded) -> list[Fact]:
    # The practice issue is kept (like the sign-off's commentary): the clinic pack shows it.
    return [Fact(names.INDICATORS, e.subject(), {
        "team_id": e.team_id, "month": e.month, "indicator": e.indicator, "value": e.value,
        "target": e.target, "better": e.better, "practice_issue": e.practice_issue,
        "import_id": e.import_id})]
