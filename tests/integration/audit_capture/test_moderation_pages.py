"""The head of quality draws the month's moderation sample on the planning page (the
programme's size, or one given) and signs off from the moderation page: refused with the
lifecycle's reason while the sample is not drawn or the audit is sampled but not moderated,
signed off (audit.signed_off on Kafka) once allowed. Plain form posts, no JavaScript."""

from __future__ import annotations

import re

from schemas import topics
from tests.integration.audit_capture.test_moderator_drafts_and_sign_off import (
    _two_submitted_audits,
)
from tests.support.auth import bearer
from tests.support.factories import uid, unique_month
from tests.support.kafka import TopicTail

HOQ = bearer("head_of_quality", sub="hoq-it")


def _sampled(page: str) -> list[str]:
    return re.findall(r'<tr id="sampled-([^"]+)"', page)


async def test_the_moderation_sample_is_drawn_on_the_planning_page(client):
    p, month = uid("ms"), unique_month()
    audit_ids = await _two_submitted_audits(client, p, month)
    page = (await client.get(f"/planning/{month}", headers=HOQ)).text
    assert "2 audits submitted and not yet moderated" in page
    assert "How many audits to moderate (optional: 1 as planned)" in page
    bad = await client.post(f"/planning/{month}/moderation-sample", headers=HOQ,
                            data={"moderation_seed": "three", "moderation_size": "2"})
    assert bad.status_code == 422 and "valid integer" in bad.text
    assert 'id="moderation_seed" name="moderation_seed" value="three" aria-invalid="true"' \
        in bad.text
    assert 'id="moderation_size" name="moderation_size" value="2"' in bad.text
    given = await client.post(f"/planning/{month}/moderation-sample", headers=HOQ,
                              data={"moderation_seed": "3", "moderation_size": "2"})
    assert given.status_code == 303
    assert given.headers["location"] == \
        f"/planning/{month}?done=moderation_sample#moderation-sample"
    page = (await client.get(given.headers["location"], headers=HOQ)).text
    assert "Moderation sample drawn." in page and sorted(_sampled(page)) == sorted(audit_ids)
    for audit_id in audit_ids:  # each opens the audit's page, where it is signed off
        assert f'<a href="/audits/{audit_id}/view">' in page
    planned = await client.post(f"/planning/{month}/moderation-sample", headers=HOQ,
                                data={"moderation_seed": "3", "moderation_size": ""})
    assert planned.status_code == 303
    page = (await client.get(f"/planning/{month}", headers=HOQ)).text
    [sampled] = _sampled(page)
    api = await client.post(f"/programme/{month}/moderation-sample", headers=HOQ,
                            json={"seed": 3})
    assert api.json()["audit_ids"] == [sampled]  # the same handler, the same draw
    assert (await client.post(f"/planning/{month}/moderation-sample", headers=bearer("auditor"),
                              data={"moderation_seed": "3"})).status_code == 403
    missing = await client.post(f"/planning/{unique_month()}/moderation-sample", headers=HOQ,
                                data={"moderation_seed": "3"})
    assert missing.status_code == 404 and "plan it first" in missing.text


async def test_sign_off_from_the_moderation_page_follows_the_lifecycle(client):
    p, month = uid("so"), unique_month()
    first, second = await _two_submitted_audits(client, p, month)
    listed = (await client.get("/moderation", params={"month": month}, headers=HOQ)).text
    assert "is not drawn yet" in listed and f'action="/moderation/{first}/sign-off"' in listed
    too_soon = await client.post(f"/moderation/{first}/sign-off", headers=HOQ)
    assert too_soon.status_code == 409 and 'role="alert"' in too_soon.text
    assert "before the month&#39;s moderation sample is drawn" in too_soon.text
    assert f'href="#audit-{first}"' in too_soon.text

    drawn = await client.post(f"/planning/{month}/moderation-sample", headers=HOQ,
                              data={"moderation_seed": "3"})
    assert drawn.status_code == 303
    [sampled] = _sampled((await client.get(f"/planning/{month}", headers=HOQ)).text)
    outside = second if sampled == first else first
    refused = await client.post(f"/moderation/{sampled}/sign-off", headers=HOQ)
    assert refused.status_code == 409 and "until it is moderated" in refused.text
    moderator = bearer("moderator", sub=f"{p}-g2")
    assert (await client.post(f"/moderation/{outside}/sign-off",
                              headers=moderator)).status_code == 403
    assert "/sign-off" not in (await client.get("/moderation", params={"month": month},
                                                headers=moderator)).text
    async with TopicTail(topics.AUDIT) as audits:
        signed = await client.post(f"/moderation/{outside}/sign-off",
                                   headers=bearer("principal_social_worker", sub=uid("psw")))
        assert signed.status_code == 303
        assert signed.headers["location"] == f"/moderation?month={month}&signed_off={outside}"
        event = await audits.wait_for(lambda m: m["subject"] == outside
                                      and m["event_type"] == "audit.signed_off")
    assert event["data"]["month"] == month
    shown = (await client.get(signed.headers["location"], headers=HOQ)).text
    assert "Audit signed off." in shown
    row = re.search(rf'<tr id="audit-{outside}">.*?</tr>', shown, re.S).group(0)
    assert "signed off" in row and "/sign-off" not in row
    again = await client.post(f"/moderation/{outside}/sign-off", headers=HOQ)
    assert again.status_code == 409 and "cannot sign off an audit that is signed off" in again.text
