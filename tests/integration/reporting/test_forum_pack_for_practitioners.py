"""Who reads what of the Review stage (issue 12): frontline practitioners open the QA Forum
pack (page, JSON and PDF) and find no case-level detail in it: no case, audit, worker or
person ids, no drill-down links; the coverage grid (per worker) and the briefing stay
closed to them. The assistant director and the lead member read the briefing and the
impact report."""

from __future__ import annotations

import json

from services.reporting.domain.periods import quarter_of
from tests.support.auth import bearer
from tests.support.factories import uid, unique_month
from tests.support.reporting_scenario import month_of_events
from tests.support.waiting import eventually

from .conftest import publish_all

CASE_LEVEL = ("case_key", "case_reference", "audit_id", "social_worker_id", "worker_id",
              "person_id", "auditor_id", "owner_id", "/reports/facts/")


async def test_practitioners_open_the_forum_pack_without_case_level_detail(reporting):
    app, client, _ = reporting
    month, team, theme = unique_month(), uid("team"), uid("theme")
    events = month_of_events(month, team, theme)
    await publish_all(app, events)
    quarter = quarter_of(month)
    identifiers = {getattr(e, field) for e in events
                   for field in ("audit_id", "social_worker_id", "case_reference", "auditor_id")
                   if getattr(e, field, None)}
    assert identifiers

    for role in ("social_worker", "consultant_social_worker"):
        token = bearer(role, sub=uid(role))

        async def pack():
            body = (await client.get("/reports/forum-pack", headers=token,
                                     params={"quarter": quarter, "team": team})).json()
            return body if body.get("audits", {}).get("completed") == 3 else None

        body = await eventually(pack, what=f"the Forum pack for a {role}")
        page = await client.get("/forum", headers=token, params={"quarter": quarter})
        pdf = await client.get("/reports/forum-pack.pdf", headers=token,
                               params={"quarter": quarter})
        assert page.status_code == 200 and pdf.status_code == 200
        assert pdf.headers["content-type"] == "application/pdf"
        for text in (json.dumps(body), page.text):
            assert not [k for k in CASE_LEVEL if k in text]
            assert not [i for i in identifiers if i in text]
        for closed in ("/reports/coverage", "/coverage"):
            assert (await client.get(closed, headers=token)).status_code == 403
        response = await client.get("/reports/monthly-briefing", headers=token,
                                    params={"month": month})
        assert response.status_code == 403

    for role in ("assistant_director", "lead_member"):
        token = bearer(role, sub=uid(role))
        for path in ("/reports/monthly-briefing", "/reports/impact", "/briefing", "/impact"):
            response = await client.get(path, headers=token, params={"month": month})
            assert response.status_code == 200, (role, path, response.text[:200])
        assert "review" in (await client.get("/reports/monthly-briefing", headers=token,
                                             params={"month": month})).json()
