"""Reading reporting's figures the way a reader would, over HTTP."""

from __future__ import annotations

from .auth import bearer


async def monthly_briefing(http, services, month: str, *, role: str = "director") -> dict:
    response = await http.get(f"{services.url('reporting')}/reports/monthly-briefing",
                              params={"month": month}, headers=bearer(role))
    response.raise_for_status()
    return response.json()
