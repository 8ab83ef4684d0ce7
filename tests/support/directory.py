"""Putting fictional people in audit capture's staff directory, as the head of quality does."""

from __future__ import annotations

from .auth import bearer


async def import_staff(http, url: str, staff_csv: str) -> None:
    """`url`: the directory import endpoint (absolute, or relative for an in-process client)."""
    response = await http.post(url, content=staff_csv, headers=bearer("head_of_quality") | {
        "Content-Type": "text/csv"})
    assert response.status_code == 200, response.text
