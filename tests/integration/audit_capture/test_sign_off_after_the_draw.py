"""An audit submitted after the month's moderation sample was drawn missed the draw: the API
refuses its sign-off (409, saying when the sample was drawn and what to do), the moderation
list marks it and shows the reason when a sign-off is refused; drawing the sample again takes
it into the pool (real Kafka and store)."""

from __future__ import annotations

import re

from shared.england_time import england_date
from shared.envelope import utc_now
from tests.integration.audit_capture.test_moderator_drafts_and_sign_off import (
    _two_submitted_audits,
)
from tests.support.auth import bearer
from tests.support.directory import import_staff
from tests.support.factories import audit_command, uid, unique_month

HOQ = bearer("head_of_quality", sub="hoq-late")


async def _late_comer(client, p: str, month: str) -> str:
    """A third case, allocated to a third auditor of group 1; returned before it is submitted."""
    await import_staff(client, "/directory/import",
                       "person_id,display_name,team_id,team_name,job_role,line_manager_id,"
                       f"audit_group\n{p}-g1c,Test Auditor C,{p}-team,,Team manager,,1\n")
    allocated = await client.post(f"/programme/{month}/allocations", headers=HOQ, json={
        "case_ref": f"TEST-{p}-late", "team_id": f"{p}-team", "auditor_ids": [f"{p}-g1c"]})
    assert allocated.status_code == 201, allocated.text
    return allocated.json()["audit_id"]


async def _submit(client, p: str, audit_id: str) -> None:
    findings = {k: v for k, v in audit_command().items()
                if k not in {"month", "case_ref", "team_id", "auditor_ids"}}
    submitted = await client.post(f"/audits/{audit_id}/submit", headers=bearer(
        "auditor", sub=f"{p}-g1c"), json=findings | {"social_worker_id": f"{p}-sw"})
    assert submitted.status_code == 200, submitted.text


async def test_an_audit_submitted_after_the_draw_needs_moderation_or_a_new_draw(client):
    p, month = uid("late"), unique_month()
    first, second = await _two_submitted_audits(client, p, month)
    late = await _late_comer(client, p, month)
    unsubmitted = (await client.get(f"/audits/{late}/view", headers=HOQ)).text
    assert "This audit has not been submitted yet." in unsubmitted and "/sign-off" not in \
        unsubmitted
    before = england_date(utc_now())  # the refusal names the day in England
    drawn = await client.post(f"/programme/{month}/moderation-sample", headers=HOQ,
                              json={"seed": 3})
    after = england_date(utc_now())
    assert drawn.status_code == 200, drawn.text
    [sampled] = drawn.json()["audit_ids"]
    passed_over = second if sampled == first else first
    await _submit(client, p, late)

    refused = await client.post(f"/audits/{late}/sign-off", headers=HOQ)
    assert refused.status_code == 409
    reason = refused.json()["detail"]
    when = re.search(r"submitted after the month's moderation sample was drawn on "
                     r"(\d{4}-\d\d-\d\d) at \d\d:\d\d (?:GMT|BST)", reason)
    assert when and when.group(1) in {str(before), str(after)}, reason
    assert "draw the sample again (it re-draws from the audits still submitted) or " \
           "moderate it" in reason
    listed = (await client.get("/moderation", params={"month": month}, headers=HOQ)).text
    row = re.search(rf'<tr id="audit-{late}">.*?</tr>', listed, re.S).group(0)
    assert "no: submitted after the draw" in row
    assert re.search(r"Moderation sample: 1 audits, drawn on \d{4}-\d\d-\d\d at", listed)
    page = await client.post(f"/moderation/{late}/sign-off", headers=HOQ)
    assert page.status_code == 409 and 'role="alert"' in page.text
    assert f'<a href="#audit-{late}">TEST-{p}-late: cannot sign off this audit without ' \
           "moderation: it was submitted after the month&#39;s moderation sample was drawn" \
        in page.text
    view = (await client.get(f"/audits/{late}/view", headers=HOQ)).text
    assert "/sign-off" not in view and "submitted after the month&#39;s moderation" in view
    signed = await client.post(f"/audits/{passed_over}/sign-off", headers=HOQ)
    assert signed.status_code == 200, signed.text  # it was in the pool and not picked

    again = await client.post(f"/programme/{month}/moderation-sample", headers=HOQ,
                              json={"seed": 3})
    [resampled] = again.json()["audit_ids"]
    assert resampled in {sampled, late}  # drawn from the audits still submitted
    other = late if resampled == sampled else sampled
    assert (await client.post(f"/audits/{other}/sign-off", headers=HOQ)).status_code == 200
    refused = await client.post(f"/audits/{resampled}/sign-off", headers=HOQ)
    assert refused.status_code == 409 and "until it is moderated" in refused.json()["detail"]
    listed = (await client.get("/moderation", params={"month": month}, headers=HOQ)).text
    assert "no: submitted after the draw" not in listed
