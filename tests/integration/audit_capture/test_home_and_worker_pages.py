"""Home pages list only what each role may open; a social worker reads the audits of their
own cases once the results are shared, through the API and the page (issue 11)."""

from __future__ import annotations

from tests.support.auth import bearer
from tests.support.factories import audit_command, uid
from tests.support.home_links import refused_links

AUDITOR = bearer("auditor", sub="auditor-home")


async def test_every_roles_home_page_links_only_to_what_it_may_open(client):
    assert await refused_links(client) == []


async def test_a_social_worker_reads_the_audits_of_their_own_cases_only(client):
    worker, other = uid("sw"), uid("sw")
    mine = await client.post("/audits", headers=AUDITOR, json=audit_command(
        social_worker_id=worker, overall_grade="good"))
    theirs = await client.post("/audits", headers=AUDITOR, json=audit_command(
        social_worker_id=other))
    assert mine.status_code == 201 and theirs.status_code == 201, mine.text
    mine_id, theirs_id = mine.json()["audit_id"], theirs.json()["audit_id"]
    as_worker = bearer("social_worker", sub=worker)

    listed = (await client.get("/audits/of-my-cases", headers=as_worker)).json()
    assert [a["_id"] for a in listed] == [mine_id]
    assert (await client.get(f"/audits/{mine_id}", headers=as_worker)).status_code == 200
    refused = await client.get(f"/audits/{theirs_id}", headers=as_worker)
    assert refused.status_code == 403 and "shared with you" in refused.json()["detail"]
    assert (await client.get("/audits/unknown-audit", headers=as_worker)).status_code == 403

    html = {"Accept": "text/html"}
    home = await client.get("/", headers=as_worker | html)
    assert f'href="/audits/{mine_id}/view"' in home.text
    assert theirs_id not in home.text and "/planning" not in home.text
    page = await client.get(f"/audits/{mine_id}/view", headers=as_worker | html)
    assert page.status_code == 200 and worker in page.text
    other_page = await client.get(f"/audits/{theirs_id}/view", headers=as_worker | html)
    assert other_page.status_code == 403 and "shared with you" in other_page.text
