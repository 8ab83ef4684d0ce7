"""The read-only page of one audit: what the auditors found (free text escaped), the
moderation per standard with rationale and grade changes, and the sign-off; the sign-off form
only for a head of quality or PSW while the lifecycle allows it; 404 for an unknown audit;
links from the moderation list and the auditor's home page."""

from __future__ import annotations

import re

from tests.integration.audit_capture.test_moderator_drafts_and_sign_off import (
    _two_submitted_audits,
)
from tests.support.auth import bearer
from tests.support.factories import uid, unique_month

HOQ = bearer("head_of_quality", sub="hoq-view")
TRICKY = '<script>alert("synthetic")</script> & <b>bold</b>'


def _section(page: str, element_id: str) -> str:
    return re.search(rf'id="{element_id}".*?</(tr|dd|p)>', page, re.S).group(0)


async def _moderate(client, audit_id: str, moderator: str) -> None:
    body = {"standards": [{"standard": n, "agree": n != 6} for n in range(1, 7)],
            "overall_agree": True}
    body["standards"][5] |= {"grade": "requires_improvement", "rationale": "Synthetic: " + TRICKY}
    moderated = await client.post(f"/audits/{audit_id}/moderation", json=body,
                                  headers=bearer("moderator", sub=moderator))
    assert moderated.status_code == 200, moderated.text


async def test_a_moderated_audit_reads_in_full_and_a_signer_signs_it_off(client):
    p, month = uid("v"), unique_month()
    first, second = await _two_submitted_audits(client, p, month)
    drawn = await client.post(f"/programme/{month}/moderation-sample", headers=HOQ,
                              json={"seed": 3, "size": 2})
    assert drawn.status_code == 200, drawn.text
    await _moderate(client, first, f"{p}-g2")

    page = await client.get(f"/audits/{first}/view", headers=bearer("director"))
    assert page.status_code == 200, page.text
    text = page.text
    assert f"<h1>Audit of TEST-{p}-0</h1>" in text and f"<dd>{p}-team</dd>" in text
    assert f"<dd>{month}</dd>" in text and f"<dd>{p}-g1a</dd>" in text
    assert f"<dd>{p}-sw</dd>" in text
    assert "moderated" in _section(text, "status") and "moderation sample" in text
    assert "Requires improvement to be good" in _section(text, "standard-2-grade")
    assert "Requires improvement to be good (changed by moderation)" in \
        _section(text, "standard-6-grade")
    assert "Fictional evidence." in text and "Synthetic child view." in text
    assert "Not possible: " in _section(text, "parent-view")
    assert "Yes" in _section(text, "child-seen-alone")
    assert "Synthetic action 0" in text
    row = _section(text, "moderated-6")
    assert "Disagrees" in row and "Inadequate to Requires improvement to be good" in row
    assert "&lt;script&gt;alert(&#34;synthetic&#34;)&lt;/script&gt; &amp; &lt;b&gt;" in row
    assert "<script>" not in text and "<b>bold" not in text
    assert "Agrees" in _section(text, "moderated-1") and "Unchanged" in text
    assert "agreed with 6 of 7 judgements" in text
    assert "/sign-off" not in text and "Not signed off." in text  # a director cannot sign off

    signer = bearer("principal_social_worker", sub=uid("psw"))
    shown = (await client.get(f"/audits/{first}/view", headers=signer)).text
    assert f'<form method="post" action="/moderation/{first}/sign-off"' in shown
    assert f"Sign off TEST-{p}-0</button>" in shown
    sampled = (await client.get(f"/audits/{second}/view", headers=signer)).text
    assert "/sign-off" not in sampled and "Not moderated." in sampled
    assert "until it is moderated" in _section(sampled, "sign-off-refused")

    signed = await client.post(f"/moderation/{first}/sign-off", headers=signer)
    assert signed.status_code == 303
    after = (await client.get(f"/audits/{first}/view", headers=HOQ)).text
    assert "signed off" in _section(after, "status") and "/sign-off\"" not in after
    assert re.search(r'id="signed-off">Signed off by psw-\w+ on '
                     r'\d{4}-\d\d-\d\d at \d\d:\d\d (GMT|BST)', after)


async def test_the_page_is_linked_refused_to_strangers_and_404_when_unknown(client):
    p, month = uid("vl"), unique_month()
    first, _ = await _two_submitted_audits(client, p, month)
    listed = (await client.get("/moderation", params={"month": month}, headers=HOQ)).text
    assert f'<a href="/audits/{first}/view">View TEST-{p}-0</a>' in listed
    home = (await client.get("/", headers=bearer("auditor", sub=f"{p}-g1a"))).text
    assert f'<a href="/audits/{first}/view">View the audit of TEST-{p}-0</a>' in home
    assert (await client.get(f"/audits/{first}/view",
                             headers=bearer("integration"))).status_code == 403
    missing = await client.get("/audits/no-such-audit/view", headers=HOQ)
    assert missing.status_code == 404 and "<h1>Audit not found</h1>" in missing.text
    assert "There is no audit no-such-audit." in missing.text
