"""An erasure of a subject under a legal hold, on the real Kafka and store: refused (409) with
each hold's reason and who set it, the subject's keys left whole; once the hold is lifted the
same erasure goes ahead."""

from __future__ import annotations

import pytest

from tests.support.auth import bearer
from tests.support.factories import uid

from .conftest import running

OFFICER = bearer("data_protection_officer", sub="dpo-fict-hold")
NOWHERE = {"audit_capture": "http://127.0.0.1:9"}  # no service answers: confirmations wait


@pytest.fixture
async def data_protection():
    async with running(service_api_urls=NOWHERE) as http:
        yield http


async def test_a_subject_under_a_hold_is_not_erased_until_it_is_lifted(data_protection):
    http, deps = data_protection, data_protection.app.state.deps
    child = f"FICT-{uid('c')[-8:]}"
    await deps.personal.keyring.key_for(f"child:{child}")  # something is held about them
    held = await http.post("/legal-holds", headers=OFFICER, json={
        "subject_kind": "child", "subject_ref": child,
        "reason": "Fictional inquiry's order to keep every record"})
    assert held.status_code == 201, held.text

    asked = {"kind": "child", "reference": child, "reason": "Fictional: art. 17 request"}
    refused = await http.post("/erasures", headers=OFFICER, json=asked)
    assert refused.status_code == 409, refused.text
    detail = refused.json()["detail"]
    assert "Fictional inquiry's order to keep every record" in detail
    assert "dpo-fict-hold" in detail and "Nothing was changed" in detail
    assert await deps.personal.keyring.knows(f"child:{child}")
    assert await deps.erasures.recent() == []

    lifted = await http.post(f"/legal-holds/{held.json()['_id']}/lift", headers=OFFICER)
    assert lifted.status_code == 200, lifted.text
    erased = await http.post("/erasures", headers=OFFICER, json=asked)
    assert erased.status_code == 201, erased.text
    assert not await deps.personal.keyring.knows(f"child:{child}")


async def test_with_a_team_hold_in_force_a_service_that_cannot_answer_stops_the_erasure(
        data_protection):
    """Whether the team's hold covers the child's records only the services can say: while
    one cannot, the erasure waits (503, nothing changed), rather than erase held records."""
    http, deps = data_protection, data_protection.app.state.deps
    child = f"FICT-{uid('c')[-8:]}"
    await deps.personal.keyring.key_for(f"child:{child}")
    held = await http.post("/legal-holds", headers=OFFICER, json={
        "team_id": uid("team-fict"), "reason": "Fictional inquiry's order to keep a team's"})
    assert held.status_code == 201, held.text

    asked = {"kind": "child", "reference": child, "reason": "Fictional: art. 17 request"}
    refused = await http.post("/erasures", headers=OFFICER, json=asked)
    assert refused.status_code == 503, refused.text
    assert "Could not check the records held by audit_capture" in refused.json()["detail"]
    assert await deps.personal.keyring.knows(f"child:{child}")
    assert await deps.erasures.recent() == []

    await http.post(f"/legal-holds/{held.json()['_id']}/lift", headers=OFFICER)
    erased = await http.post("/erasures", headers=OFFICER, json=asked)
    assert erased.status_code == 201, erased.text
