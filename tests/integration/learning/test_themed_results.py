"""Themed, dip-sample and multi-agency audit results beside the monthly findings (issue 12),
on the real Kafka and store: `audit.themed_recorded` on qa.audit (twice, as redelivery would)
is added up on learning's monthly findings page per theme and question, with how many were
in dip samples and how many multi-agency; the case reference and evidence are not shown."""

from __future__ import annotations

from datetime import UTC, datetime

import httpx

from schemas.audit import ThemeAnswer, ThemedAuditRecorded
from tests.support.action_tracking import publish
from tests.support.auth import bearer
from tests.support.factories import uid, unique_month
from tests.support.waiting import eventually


def themed(month: str, theme: str, answers: list[str], *, partners=(), dip=None):
    return ThemedAuditRecorded(
        themed_audit_id=uid("themed"), theme_id=theme, theme_title=f"Synthetic theme {theme}",
        month=month, case_ref=uid("TEST-CASE"), team_id="team-synthetic",
        auditor_ids=["auditor-synthetic"],
        answers=[ThemeAnswer(question_id=f"q{n}", answer=a, evidence="Synthetic evidence")
                 for n, a in enumerate(answers, 1)],
        partner_agencies=list(partners), dip_sample_id=dip,
        recorded_at=datetime.now(UTC))


async def test_the_months_themed_audits_are_added_up_on_the_findings_page(learning):
    month, theme, dip = unique_month(), uid("theme"), uid("dip")
    events = [themed(month, theme, ["yes", "no"], partners=["Fictional Health Trust"]),
              themed(month, theme, ["yes", "partly"], dip=dip),
              themed(month, theme, ["not_applicable", "no"], dip=dip),
              themed(month, uid("other"), ["yes"])]
    await publish(*events, events[0])  # the first again: redelivered, counted once

    async def all_kept() -> dict | None:
        from services.learning.application.themed_results import of_month
        results = await of_month(learning.deps, month)
        return results if results["audits"] == 4 else None

    results = await eventually(all_kept, what="the themed audits kept by learning")
    assert (results["dip_sampled"], results["dip_samples"], results["multi_agency"]) == (2, 1, 1)
    mine = next(t for t in results["themes"] if t["theme_id"] == theme)
    assert mine["answers"] == {"yes": 2, "partly": 1, "no": 2, "not_applicable": 1}
    assert mine["questions"] == [
        {"question_id": "q1", "yes": 2, "partly": 0, "no": 0, "not_applicable": 1},
        {"question_id": "q2", "yes": 0, "partly": 1, "no": 2, "not_applicable": 0}]
    async with httpx.AsyncClient() as http:
        page = await http.get(f"{learning.url}/monthly-findings/{month}",
                              headers=bearer("head_of_quality", sub="hoq-001"))
    assert page.status_code == 200, page.text
    assert "4 cases audited against a theme: 2 in 1 dip sample, 1 multi-agency" in page.text
    assert f'id="themed-{theme}"' in page.text
    assert "TEST-CASE" not in page.text and "Synthetic evidence" not in page.text
