"""The access log's mechanism without a broker: what one read records, and that the entry
names the subject only by the pseudonym the key store files them under."""

from __future__ import annotations

import typing
from types import SimpleNamespace

from fastapi import Depends, FastAPI
from fastapi.testclient import TestClient

from schemas.access import PURPOSES, Purpose
from shared.auth import Principal, Role, allow, configure_auth
from shared.auth.tokens import TokenVerifier
from shared.kafka import EventPublisher
from shared.metrics import PlatformMetrics
from shared.personal_data.access_log import Reads, declares_reads, records_reads
from shared.personal_data.keyring import StoreKeyring
from shared.personal_data.master_key import pseudonym
from shared.personal_data.pseudonyms import Pseudonyms
from shared.settings import ServiceSettings
from tests.support.auth import bearer

MASTER = bytes(range(32))


class RecordingPublisher(EventPublisher):
    def __init__(self) -> None:
        super().__init__(None, source="test_service", metrics=PlatformMetrics.create(),
                         timeout=1)
        self.sent: list[tuple[str, dict]] = []

    async def publish(self, envelope, topic: str) -> None:
        self.sent.append((topic, envelope.model_dump(mode="json")))


def app_reading_a_child() -> tuple[FastAPI, RecordingPublisher]:
    app = FastAPI()
    configure_auth(app, TokenVerifier(ServiceSettings()))
    publisher = RecordingPublisher()
    app.state.runtime = SimpleNamespace(settings=ServiceSettings(service_name="test_service"),
                                        publisher=publisher)
    app.state.pseudonyms = Pseudonyms(MASTER)

    @app.get("/cases/{record_id}")
    async def case(record_id: str, who: Principal = Depends(allow(Role.AUDITOR)),
                   reads: Reads = Depends(records_reads)) -> dict:
        await reads.child(who, "TEST-CASE-0000000001", record_id=record_id)
        return {}

    @app.get("/plain")
    async def plain(who: Principal = Depends(allow(Role.AUDITOR))) -> dict:
        return {}

    return app, publisher


def test_a_read_records_who_which_subject_what_and_why_without_the_reference():
    app, publisher = app_reading_a_child()
    response = TestClient(app).get("/cases/audit-1?purpose=safeguarding",
                                   headers=bearer("auditor", sub="auditor-7"))
    assert response.status_code == 200
    [(topic, envelope)] = publisher.sent
    data = envelope["data"]
    assert topic == "qa.access" and envelope["event_type"] == "personal_data.read"
    assert data["reader_id"] == "auditor-7" and data["reader_roles"] == ["auditor"]
    assert data["subject_kind"] == "child" and data["record_id"] == "audit-1"
    assert data["what"] == "GET /cases/{record_id}" and data["purpose"] == "safeguarding"
    assert data["subject_pseudonym"] == Pseudonyms(MASTER).of("child", "TEST-CASE-0000000001")
    assert "TEST-CASE" not in str(envelope)
    assert envelope["event_id"] == data["entry_id"]


def test_a_purpose_not_in_the_list_is_refused_with_a_reason():
    app, publisher = app_reading_a_child()
    response = TestClient(app).get("/cases/audit-1?purpose=curiosity", headers=bearer("auditor"))
    assert response.status_code == 422 and "purpose" in response.text
    assert publisher.sent == []


def test_routes_that_read_personal_data_are_found_by_their_declaration():
    app, _ = app_reading_a_child()
    declared = {route.path for route in app.routes if declares_reads(route)}
    assert declared == {"/cases/{record_id}"}


def test_the_pseudonym_is_the_one_the_key_store_files_the_subject_under():
    keyring = StoreKeyring(None, MASTER)  # type: ignore[arg-type] - only its naming is used
    assert Pseudonyms(MASTER).of("staff", " sw-001 ") == pseudonym(keyring._naming, "staff:sw-001")
    assert Pseudonyms(MASTER).of("child", "A") != Pseudonyms(MASTER).of("staff", "A")


def test_every_purpose_has_a_label():
    assert set(typing.get_args(Purpose)) == set(PURPOSES)


def test_an_empty_purpose_is_none_given():
    app, publisher = app_reading_a_child()
    assert TestClient(app).get("/cases/a?purpose=", headers=bearer("auditor")).status_code == 200
    assert publisher.sent[0][1]["data"]["purpose"] is None
