"""Legal holds in data protection on the real Kafka and store: set and lifted (never deleted)
by the data protection officer; while in force a hold answers the erasure path's question
(holds_covering: its reason and who set it) and keeps what it covers from retention; once
lifted, neither."""

from __future__ import annotations

from datetime import date

import pytest

from schemas.retention import RecordKind
from services.data_protection.application.holds import holds_covering, holds_in_force
from shared.personal_data.retention_schedule import load_schedule
from shared.personal_data.retention_sweep import RetainedCollection, apply_retention
from tests.support.auth import bearer
from tests.support.factories import uid

from .conftest import running

OFFICER = bearer("data_protection_officer", sub="dpo-fict-001")


@pytest.fixture
async def data_protection():
    async with running() as http:
        yield http


async def test_a_hold_stops_erasure_and_retention_until_it_is_lifted(data_protection):
    http, deps = data_protection, data_protection.app.state.deps
    child = f"FICT-{uid('c')[-8:]}"
    set_ = await http.post("/legal-holds", headers=OFFICER, json={
        "subject_kind": "child", "subject_ref": child,
        "reason": "Fictional inquiry's order to keep every record"})
    assert set_.status_code == 201, set_.text
    assert set_.json()["published"] is True  # the broker has legal_hold.set
    hold_id = set_.json()["_id"]

    covering = await holds_covering(deps, f"child:{child}")
    assert covering == [{"hold_id": hold_id, "set_by": "dpo-fict-001",
                         "reason": "Fictional inquiry's order to keep every record",
                         "set_at": set_.json()["set_at"]}]
    assert await holds_covering(deps, "child:FICT-OTHER") == []

    db = http.app.state.runtime.store.db
    await db["audits"].insert_one({"_id": "audit-old", "month": "2015-01", "team_id": "t1",
                                   "case_ref": child, "summary": "Fictional"})
    audits = RetainedCollection(collection="audits", kind=RecordKind.AUDITS,
                                subject_fields={"child": ("case_ref",)},
                                personal_fields=("case_ref", "summary"))

    async def sweep(dry_run: bool):
        return (await apply_retention(db, [audits], schedule=load_schedule(),
                                      holds=await holds_in_force(deps), today=date(2026, 1, 1),
                                      dry_run=dry_run))["audits"]

    held = await sweep(dry_run=False)
    assert (held.held, held.disposed, held.held_by) == (1, 0, {hold_id: 1})

    lifted = await http.post(f"/legal-holds/{hold_id}/lift", headers=OFFICER)
    assert lifted.status_code == 200 and lifted.json()["lifted_by"] == "dpo-fict-001"
    assert await holds_covering(deps, f"child:{child}") == []
    assert (await sweep(dry_run=True)).disposed_ids == ["audit-old"]
    assert (await sweep(dry_run=False)).disposed_ids == ["audit-old"]

    again = await http.post(f"/legal-holds/{hold_id}/lift", headers=OFFICER)
    assert again.status_code == 409 and "lifted already" in again.json()["detail"]
    listed = (await http.get("/legal-holds", headers=OFFICER)).json()
    assert [(h["_id"], h["lifted_by"]) for h in listed] == [(hold_id, "dpo-fict-001")]


async def test_a_hold_without_scope_or_reason_is_refused_field_by_field(data_protection):
    refused = await data_protection.post("/legal-holds", headers=OFFICER, json={
        "subject_kind": "child", "reason": " ", "from_date": "2026-02-01",
        "to_date": "2026-01-01"})
    assert refused.status_code == 422
    assert set(refused.json()["errors"]) == {"reason", "subject_ref", "to_date"}
    missing = await data_protection.post("/legal-holds/no-such-hold/lift", headers=OFFICER)
    assert missing.status_code == 404


async def test_only_the_data_protection_officer_sets_or_reads_holds(data_protection):
    worker = bearer("social_worker", sub="sw-fict-001")
    assert (await data_protection.get("/legal-holds", headers=worker)).status_code == 403
    assert (await data_protection.post("/legal-holds", headers=worker,
                                       json={"reason": "x", "team_id": "t"})).status_code == 403
    assert (await data_protection.get("/holds", headers=worker)).status_code == 403


async def test_the_page_sets_and_lifts_a_hold_and_keeps_what_was_typed_when_refused(
        data_protection):
    page = await data_protection.get("/holds", headers=OFFICER)
    assert page.status_code == 200 and '<label for="reason">' in page.text
    refused = await data_protection.post("/holds", headers=OFFICER,
                                         data={"team_id": "team-fict-9", "reason": ""})
    assert refused.status_code == 422 and 'id="reason-error"' in refused.text
    assert 'value="team-fict-9"' in refused.text
    done = await data_protection.post("/holds", headers=OFFICER, data={
        "team_id": "team-fict-9", "reason": "Fictional review of the team's records"})
    assert done.status_code == 303
    listed = (await data_protection.get("/holds", headers=OFFICER)).text
    assert "Fictional review of the team&#39;s records" in listed and ">Lift</button>" in listed
