"""Subject access end to end (issue 14): a child's data written through the services is all in
the bundle the officer gathers from every service's GET /personal-data/subjects/child/{ref},
with other people's information marked for review; the bundle opens as JSON and as a PDF,
its opening is in the access log, and nobody but the officer may open a request. Real Kafka,
store and services."""

from __future__ import annotations

import uuid

from shared.england_time import england_today
from tests.support.auth import bearer
from tests.support.factories import audit_command, feedback_item
from tests.support.pdf import pdf_text
from tests.support.waiting import eventually

OFFICER = bearer("data_protection_officer", sub="dpo-002")


async def test_a_childs_data_from_every_service_is_in_their_bundle(services, http):
    case_ref = f"TEST-CASE-{uuid.uuid4().hex[:10]}"
    answer = await http.post(f"{services.url('audit_capture')}/audits",
                             json=audit_command(case_ref=case_ref, actions=1),
                             headers=bearer("auditor"))
    assert answer.status_code == 201, answer.text
    audit_id = answer.json()["audit_id"]
    taken = await http.post(f"{services.url('feedback_ingestion')}/feedback/items",
                            json=feedback_item(source="momo", case_ref=case_ref),
                            headers=bearer("integration"))
    assert taken.status_code in (201, 202), taken.text
    protection = services.url("data_protection")
    made = await http.post(f"{protection}/subject-access-requests", headers=OFFICER, json={
        "kind": "child", "reference": case_ref, "received_on": "2031-01-31"})
    if made.status_code == 422:  # the suite's clock is today's: a received date not ahead
        made = await http.post(f"{protection}/subject-access-requests", headers=OFFICER, json={
            "kind": "child", "reference": case_ref, "received_on": str(england_today())})
    assert made.status_code == 201, made.text
    request = made.json()
    assert request["progress"] == "received" and request["due_on"] > request["received_on"]
    expected = {"audit_capture", "feedback_ingestion"}

    async def gathered():
        done = await http.post(f"{protection}/subject-access-requests/{request['_id']}/bundle",
                               headers=OFFICER)
        assert done.status_code == 200, done.text
        bundle = (await http.get(f"{protection}/subject-access-requests/{request['_id']}"
                                 "/bundle", headers=OFFICER)).json()
        holding = {s for s, held in bundle["held"].items() if case_ref in str(held)}
        return bundle if expected <= holding else None

    bundle = await eventually(gathered, timeout=60, interval=1, what="every service's records")
    assert audit_id in str(bundle["held"]["audit_capture"])
    assert any(p.endswith("auditor_ids") for p in bundle["third_party"]["audit_capture"])
    pdf = await http.get(f"{protection}/subject-access-requests/{request['_id']}/bundle",
                         params={"fmt": "pdf"}, headers=OFFICER)
    text = pdf_text(pdf.content)
    assert case_ref in text and "review before release" in text
    log = await http.get(f"{protection}/access-log", params={"child": case_ref}, headers=OFFICER)
    assert any(e["what"].endswith("/bundle") for e in log.json())

    for role in ("head_of_quality", "director", "social_worker"):
        refused = await http.get(f"{protection}/subject-access-requests/{request['_id']}/bundle",
                                 headers=bearer(role))
        assert refused.status_code == 403, role
    moved = await http.post(f"{protection}/subject-access-requests/{request['_id']}/progress",
                            json={"progress": "released"}, headers=OFFICER)
    assert moved.status_code == 409 and "next step is review" in moved.json()["detail"]

    # The copy to send: refused while items wait; then withheld items replaced by why.
    bundle_url = f"{protection}/subject-access-requests/{request['_id']}/bundle"
    waiting = await http.get(bundle_url, params={"copy": "release"}, headers=OFFICER)
    assert waiting.status_code == 409 and "still to decide" in waiting.json()["detail"]
    items = [(s, p) for s, paths in bundle["third_party"].items() for p in paths]
    for n, (service, path) in enumerate(items):
        decided = await http.post(f"{bundle_url}/review", headers=OFFICER, json={
            "service": service, "path": path, "decision": "withhold" if n == 0 else "release",
            "reason": "Fictional: another person's information" if n == 0 else ""})
        assert decided.status_code == 200, decided.text
    sent = await http.get(bundle_url, params={"copy": "release"}, headers=OFFICER)
    assert sent.status_code == 200, sent.text
    assert "[withheld: Fictional: another person's information]" in str(sent.json()["held"])
    assert sent.json()["third_party"] == {} and case_ref in str(sent.json()["held"])
    sent_pdf = await http.get(bundle_url, params={"copy": "release", "fmt": "pdf"},
                              headers=OFFICER)
    text = pdf_text(sent_pdf.content)
    assert "the copy to send" in text and "review before release" not in text
    assert "withheld: Fictional" in text
