"""The auth matrix: every route of every running service (its API and its pages, read from
the apps themselves) × every role and no token, compared with the roles each route declares.

A protected route answers 401 without a token and 403 to a role it does not declare; a
route signed by HMAC answers 401 to any token; no request at all answers 5xx. Routes that
declare no role must be the open ones by design (health, signing in and out)."""

from __future__ import annotations

import asyncio
import time
from collections import Counter

import httpx

from services.launcher import SERVICES
from shared.auth import Role
from tests.support.auth import bearer
from tests.support.routes import OPEN_PATHS, SIGNED_PATHS, RouteInfo, routes_of

IN_FLIGHT = 8
IDENTITIES: list[str | None] = [None, *(role.value for role in Role)]


def expected(route: RouteInfo, role: str | None) -> str:
    if not route.protected:
        return "open"
    if role is None or route.path in SIGNED_PATHS:
        return "401"
    return "allowed" if role in route.roles else "403"


def verdict(route: RouteInfo, role: str | None, status: int) -> str | None:
    """What is wrong with this answer, if anything."""
    want = expected(route, role)
    if status >= 500:
        return f"{status} (a server error)"
    if want in {"401", "403"} and status != int(want):
        return f"{status}, expected {want}"
    if want == "allowed" and status == 401:
        return "401 to a valid token of a declared role"
    return None


async def ask(http: httpx.AsyncClient, base: str, route: RouteInfo, role: str | None,
              gate: asyncio.Semaphore) -> int:
    headers = {"Accept": "application/json"} | (bearer(role, sub=f"matrix-{role}",
                                                       team="team-matrix") if role else {})
    body = {"json": {}} if route.method in {"POST", "PUT", "PATCH"} else {}
    async with gate, http.stream(route.method, base + route.url_path(), headers=headers,
                                 **body) as response:
        return response.status_code  # headers only: a stream (SSE) is never read


async def test_every_route_answers_each_identity_as_it_declares(services):
    routes = [r for s in SERVICES if s in services.processes for r in routes_of(s)]
    undeclared = {r.path for r in routes if r.protected and not r.roles} - SIGNED_PATHS
    assert not undeclared, f"protected routes declaring no role: {sorted(undeclared)}"
    assert {r.path for r in routes if not r.protected} <= OPEN_PATHS

    gate = asyncio.Semaphore(IN_FLIGHT)
    cells = [(r, role) for r in routes for role in IDENTITIES]
    started = time.monotonic()
    async with httpx.AsyncClient(timeout=30) as http:
        statuses = await asyncio.gather(*(ask(http, services.url(r.service), r, role, gate)
                                          for r, role in cells))
    took = time.monotonic() - started
    wrong = [f"{r.service} {r.method} {r.path} as {role or 'no token'}: {problem}"
             for (r, role), status in zip(cells, statuses)
             if (problem := verdict(r, role, status))]
    tally = Counter(expected(r, role) for r, role in cells)
    allowed = Counter(f"{status // 100}xx" for (r, role), status in zip(cells, statuses)
                      if expected(r, role) == "allowed")
    print(f"auth matrix: {len(routes)} routes x {len(IDENTITIES)} identities = {len(cells)} "
          f"requests in {took:.1f}s; expected {dict(tally)}; declared roles got {dict(allowed)}")
    assert not wrong, "\n".join(wrong[:60]) + f"\n({len(wrong)} in all)"
