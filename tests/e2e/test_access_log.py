"""The access log end to end (issue 14): a head of quality opens a child's audit page in audit
capture, giving a purpose; the read reaches data protection over qa.access and the officer
finds it by typing the child's case reference (page, JSON and CSV), while the entry on Kafka
and in the log names the child only by pseudonym. Real Kafka, store and services."""

from __future__ import annotations

import csv
import io
import uuid

from schemas import topics
from tests.support.auth import bearer
from tests.support.factories import audit_command
from tests.support.kafka import TopicTail
from tests.support.waiting import eventually

OFFICER = bearer("data_protection_officer", sub="dpo-001")


async def test_a_page_view_of_a_childs_audit_appears_in_the_access_log(services, http):
    case_ref = f"TEST-CASE-{uuid.uuid4().hex[:10]}"
    reader = f"hoq-{uuid.uuid4().hex[:8]}"
    answer = await http.post(f"{services.url('audit_capture')}/audits",
                             json=audit_command(case_ref=case_ref), headers=bearer("auditor"))
    assert answer.status_code == 201, answer.text
    audit_id = answer.json()["audit_id"]
    protection = services.url("data_protection")

    async with TopicTail(topics.ACCESS, sealed=True) as access:
        page = await http.get(f"{services.url('audit_capture')}/audits/{audit_id}/view",
                              params={"purpose": "safeguarding"},
                              headers=bearer("head_of_quality", sub=reader))
        assert page.status_code == 200, page.text
        assert 'id="purpose"' in page.text and "Recorded in the access log" in page.text
        raw = await access.wait_for(lambda m: m["data"]["reader_id"] == reader)
    assert case_ref not in str(raw)  # the entry itself names the child by pseudonym only

    async def logged():
        found = await http.get(f"{protection}/access-log", params={"child": case_ref},
                               headers=OFFICER)
        return [e for e in found.json() if e["reader_id"] == reader] if found.is_success else []

    [entry] = await eventually(logged, timeout=30, what="the read in the access log")
    assert entry["record_id"] == audit_id and entry["purpose"] == "safeguarding"
    assert entry["what"] == "GET /audits/{audit_id}/view"
    assert entry["service"] == "audit_capture" and entry["reader_roles"] == ["head_of_quality"]
    assert entry["subject_kind"] == "child" and case_ref not in str(entry)

    by_reader = await http.get(f"{protection}/access-log", params={"reader": reader},
                               headers=OFFICER)
    assert [e["record_id"] for e in by_reader.json()] == [audit_id]
    exported = await http.get(f"{protection}/access-log",
                              params={"child": case_ref, "fmt": "csv"}, headers=OFFICER)
    rows = list(csv.DictReader(io.StringIO(exported.text)))
    assert exported.headers["content-type"].startswith("text/csv")
    assert [(r["reader_id"], r["record_id"]) for r in rows] == [(reader, audit_id)]
    shown = await http.get(f"{protection}/access-log/search", params={"child": case_ref},
                           headers=OFFICER)
    assert shown.status_code == 200 and reader in shown.text and "1 read found" in shown.text


async def test_only_the_officer_opens_the_access_log(services, http):
    protection = services.url("data_protection")
    for role in ("head_of_quality", "director", "admin"):
        refused = await http.get(f"{protection}/access-log", params={"reader": "anyone"},
                                 headers=bearer(role))
        assert refused.status_code == 403, role
    nobody = await http.get(f"{protection}/access-log", headers=OFFICER)
    assert nobody.status_code == 422 and "case reference" in nobody.json()["detail"]
