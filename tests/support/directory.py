"""Putting fictional people in audit capture's staff directory, as the head of quality does."""

from __future__ import annotations

from .auth import bearer


async def import_staff(http, url: str, staff_csv: str) -> None:
    """`url`: the directory import endpoint (absolute, or relative for an in-process client)."""
    response = await http.post(url, content=staff_csv, headers=bearer("head_of_quality") | {
        "Content-Type": "text/csv"})
    assert response.status_code == 200, response.text


async def duty_groups(http, base: str, month: str) -> tuple[int, int]:
    """(audit group, moderation group) of `month` once planned: the rotation continues from
    the months other tests planned in the same store, so a new month's groups are read after
    planning it, not assumed."""
    answer = await http.get(f"{base}/programme/rotation", params={"month": month},
                            headers=bearer("head_of_quality"))
    assert answer.status_code == 200, answer.text
    return answer.json()["audit_group"], answer.json()["moderation_group"]
