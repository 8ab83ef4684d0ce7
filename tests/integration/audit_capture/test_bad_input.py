"""Input that used to answer 500 is refused with a 4xx that says why (issue 18, defect 7)."""

from __future__ import annotations

from tests.support.auth import bearer
from tests.support.factories import audit_command

HOQ = bearer("head_of_quality", sub="hoq-it")
HEADER = "person_id,display_name,team_id,job_role,audit_group\n"


async def test_an_audit_group_past_any_integer_the_store_holds_is_a_422(client):
    response = await client.get("/directory/staff", headers=HOQ,
                                params={"audit_group": "99999999999999999999"})
    assert response.status_code == 422, response.text
    assert response.json()["detail"][0]["loc"] == ["query", "audit_group"]
    assert (await client.get("/directory/staff", headers=HOQ,
                             params={"audit_group": 2})).status_code == 200


async def test_a_bare_carriage_return_inside_a_field_is_a_422_naming_the_row(client):
    text = HEADER + "sw-1,Test Worker,team-a,Social worker,\nsw-2,Test\rWorker,team-a,x,\n"
    response = await client.post("/directory/import", content=text,
                                 headers=HOQ | {"Content-Type": "text/csv"})
    assert response.status_code == 422, response.text
    [problem] = response.json()["detail"]
    assert problem["loc"][-2:] == ["row", 3] and "quotes" in problem["msg"]


async def test_an_audit_too_large_for_an_event_is_a_413_saying_so_and_nothing_is_stored(client):
    body = audit_command(auditor_suggestions="Fictional suggestion. " * 30_000)  # ~660 KB
    response = await client.post("/audits", json=body, headers=bearer("auditor"))
    assert response.status_code == 413, response.text
    assert "audit.submitted event would be" in response.json()["detail"]
    page = await client.post("/audits", json=body,
                             headers=bearer("auditor") | {"Accept": "text/html"})
    assert page.status_code == 413 and 'id="refusal-reason"' in page.text
    listed = await client.get("/audits", params={"month": body["month"]},
                              headers=bearer("head_of_quality"))
    assert listed.status_code == 200 and listed.json() == []
