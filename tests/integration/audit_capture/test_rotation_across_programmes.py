"""The rotation across a programme's end and a new programme's start, through the API against
the real store: no group audits two months running (issue 11)."""

from __future__ import annotations

from services.audit_capture.domain.months import add_months
from tests.support.auth import bearer

HOQ = bearer("head_of_quality", sub="hoq-rotation")


async def _audit_group(client, month: str) -> tuple[int, bool]:
    answer = await client.get("/programme/rotation", headers=HOQ, params={"month": month})
    assert answer.status_code == 200, answer.text
    return answer.json()["audit_group"], answer.json()["planned"]


async def test_rotation_continues_from_the_last_planned_month(client):
    # The calendar anchor is 2026-04 (QA_ROTATION_FIRST_MONTH's default); this programme
    # starts two months later, so counting from the anchor would repeat its last group.
    first = await client.post("/programme", headers=HOQ, json={
        "first_month": "2026-06", "themes": ["Synthetic theme A", "Synthetic theme B"]})
    assert first.status_code == 201, first.text
    assert [await _audit_group(client, m) for m in ("2026-06", "2026-07")] == [
        (1, True), (3, True)]

    # After the programme's end: the month no programme planned continues the cycle.
    assert await _audit_group(client, "2026-08") == (2, False)

    # A new programme starting the month after continues too, and so do months after it.
    second = await client.post("/programme", headers=HOQ, json={
        "first_month": "2026-08", "themes": ["Synthetic C", "Synthetic D", "Synthetic E"]})
    assert second.status_code == 201, second.text
    months = [add_months("2026-06", n) for n in range(7)]  # 2026-06 .. 2026-12
    groups = [await _audit_group(client, m) for m in months]
    assert groups == [(1, True), (3, True), (2, True), (1, True), (3, True), (2, False),
                      (1, False)]
    row = (await client.get("/programme/rotation", headers=HOQ,
                            params={"month": "2026-08"})).json()
    assert (row["moderation_group"], row["improvement_group"]) == (3, 1)

    # Re-planning the first programme keeps it in step with the one after it.
    again = await client.post("/programme", headers=HOQ, json={
        "first_month": "2026-06", "themes": ["Synthetic theme A", "Synthetic theme B"]})
    assert again.status_code == 201, again.text
    audit_groups = [(await _audit_group(client, m))[0] for m in months]
    assert all(a != b for a, b in zip(audit_groups, audit_groups[1:])), audit_groups
