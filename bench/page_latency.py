"""Every page a signed-in person opens, under ten concurrent users, next to a bare endpoint.

    make bench-pages                       # against the four services on QA_PORT_BASE
    .venv/bin/python -m bench.page_latency --port-base 58400 --users 10 --rounds 5

Needs the four services running with data (`make run`, or the launcher on other ports with
`QA_PORT_BASE`); it only reads, so it is safe against any store. What it does:

1. **Which pages.** Every HTML page route of the four services is found by importing their
   routers (`GET` routes answering `HTMLResponse`); each is measured with realistic
   parameters taken from the data (the last month with audits, one of its audits and teams,
   an action of that team, a theme, a quarantined item...). A route the data cannot fill
   (no quarantined item, no theme) is listed as not measured, with why.
2. **Linked from pages.** Each page is fetched once and its same-service links followed
   (drill-downs, CSV/Excel/PDF exports, one audit's or action's page): one URL per endpoint
   and query shape, measured as well but reported apart from the pages.
3. **Who.** Personas sign in through the development sign-in (`POST /login`, the cookie a
   browser keeps) with the role each page asks for: auditor (an auditor of the chosen
   audit), moderator, head of quality, director, team manager of the chosen team.
4. **Load.** `--users` simulated users (default 10), each its own connection pool, no
   think time: each round every user opens every URL once in its own shuffled order, plus
   the bare endpoint `--baseline-per-round` times, so ten requests are always in flight and
   the baseline shares the load of the same moment (`--think 2` lets each user read a page
   for 1-3 s before the next, as people do). The pages are driven first, then the
   linked URLs (each with its own baseline). A bare FastAPI app (one fixed HTML page of
   8 KB) is served by uvicorn as its own process, like the services.
5. **Report.** Per URL: requests, p50, p95, max, the statuses; the overall p95 of pages and
   of linked URLs; the baseline's p50/p95. `--store` adds the store alone: the reads the
   reporting pages make (the same adapter code, no computing or rendering), from this
   process with the same concurrency.
"""

from __future__ import annotations

import argparse
import asyncio
import importlib
import json
import os
import pkgutil
import random
import re
import statistics
import subprocess
import sys
import time
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import UTC, datetime
from html.parser import HTMLParser
from pathlib import Path
from typing import Any
from urllib.parse import urljoin, urlsplit

import httpx

from shared.england_time import england_today

ROOT = Path(__file__).resolve().parent.parent
LOGS = ROOT / "var" / "bench-logs"
SERVICES = ("audit_capture", "feedback_ingestion", "action_tracking", "reporting")
AIM_MS = 300.0
BARE_PAGE = "<!doctype html><html lang=en><title>bare</title><main>" + "<p>bare page</p>" * 500 \
    + "</main></html>"  # about 8 KB, like a small page
# Routes a signed-in person does not open as a page.
NOT_PAGES = {"/login": "the sign-in form itself (not signed in)"}


def bare_app():
    from fastapi import FastAPI
    from fastapi.responses import HTMLResponse

    app = FastAPI()

    @app.get("/page", response_class=HTMLResponse)
    async def page() -> HTMLResponse:
        return HTMLResponse(BARE_PAGE)

    return app


# ---------------------------------------------------------------- which pages there are


@dataclass(frozen=True)
class PageRoute:
    service: str
    path: str
    regex: re.Pattern


def page_routes() -> list[PageRoute]:
    """Every GET route answering HTML in each service's entrypoints (and shared sign-in)."""
    from fastapi.responses import HTMLResponse
    from fastapi.routing import APIRoute

    found: dict[tuple[str, str], PageRoute] = {}
    for service in SERVICES:
        package = importlib.import_module(f"services.{service}.entrypoints")
        for info in pkgutil.walk_packages(package.__path__, f"{package.__name__}."):
            try:
                module = importlib.import_module(info.name)
            except ImportError as error:  # a module that cannot be imported serves nothing
                print(f"not searched for pages: {info.name} ({error})", file=sys.stderr)
                continue
            router = getattr(module, "router", None)
            for route in getattr(router, "routes", []):
                if isinstance(route, APIRoute) and "GET" in route.methods and \
                        _answers_html(route, HTMLResponse):
                    found[(service, route.path)] = PageRoute(service, route.path,
                                                             route.path_regex)
    return sorted(found.values(), key=lambda r: (SERVICES.index(r.service), r.path))


def _answers_html(route, html) -> bool:
    response_class = getattr(route.response_class, "value", route.response_class)
    return isinstance(response_class, type) and issubclass(response_class, html)


# ---------------------------------------------------------------- who, and with what data


@dataclass(frozen=True)
class Persona:
    role: str
    sub: str
    team: str | None = None


@dataclass
class Target:
    service: str
    url: str  # path and query
    persona: Persona
    kind: str = "page"  # page | linked | baseline
    found_on: str = ""

    @property
    def key(self) -> str:
        return f"{self.service}{self.url}" if self.kind != "baseline" else "baseline"


@dataclass
class Data:
    month: str
    audit: dict[str, Any]
    team: str
    manager: str | None
    action: dict[str, Any] | None
    theme_id: str | None
    quarantine_id: str | None
    counts: dict[str, int] = field(default_factory=dict)


def months_before(month: str, n: int) -> list[str]:
    year, mon = map(int, month.split("-"))
    out = []
    for _ in range(n):
        out.append(f"{year:04d}-{mon:02d}")
        year, mon = (year - 1, 12) if mon == 1 else (year, mon - 1)
    return out


async def discover(urls: dict[str, str], headers) -> Data:
    """Realistic parameters from the data itself, read through the public APIs."""
    hoq = headers(Persona("head_of_quality", "bench-hoq"))
    async with httpx.AsyncClient(timeout=60) as http:
        this_month = datetime.now(UTC).strftime("%Y-%m")
        audits: list[dict[str, Any]] = []
        for month in months_before(this_month, 24):
            audits = (await http.get(f"{urls['audit_capture']}/audits", params={"month": month},
                                     headers=hoq)).json()
            if audits:
                break
        if not audits:
            raise SystemExit("no audits in the last 24 months: load the demo year first")
        moderated = [a for a in audits if a.get("moderation")] or audits
        audit = moderated[0]
        team = audit["team_id"]
        teams = {t["_id"]: t for t in (await http.get(f"{urls['audit_capture']}/directory/teams",
                                                       headers=hoq)).json()}
        manager = (teams.get(team) or {}).get("manager_id")
        if not manager:
            staff = (await http.get(f"{urls['audit_capture']}/directory/staff",
                                    params={"team_id": team}, headers=hoq)).json()
            managers = [p["_id"] for p in staff if "manager" in (p.get("job_role") or "").lower()]
            manager = sorted(managers)[0] if managers else None
        actions = (await http.get(f"{urls['action_tracking']}/actions",
                                  params={"team_id": team}, headers=hoq)).json()
        themes = (await http.get(f"{urls['audit_capture']}/themes", headers=hoq)).json()
        quarantined = (await http.get(f"{urls['feedback_ingestion']}/feedback/quarantine",
                                      params={"limit": 1}, headers=hoq)).json()
        return Data(month=month, audit=audit, team=team, manager=manager,
                    action=actions[0] if actions else None,
                    theme_id=themes[0]["_id"] if themes else None,
                    quarantine_id=quarantined[0]["_id"] if quarantined else None,
                    counts={"audits in the month": len(audits), "actions of the team":
                            len(actions), "teams": len(teams)})


def quarter_of(month: str) -> str:
    return f"{month[:4]}-Q{(int(month[5:]) - 1) // 3 + 1}"


def page_targets(d: Data) -> tuple[list[Target], dict[str, str]]:
    """The pages with their parameters and persona, and pages left out with the reason."""
    auditor = Persona("auditor", d.audit["auditor_ids"][0])
    moderator = Persona("moderator", "bench-moderator")
    hoq = Persona("head_of_quality", "bench-hoq")
    director = Persona("director", "bench-director")
    manager = Persona("team_manager", d.manager or "bench-manager", d.team)
    owner = Persona("team_manager", (d.action or {}).get("owner_id") or manager.sub, d.team)
    m, q, audit_id = d.month, quarter_of(d.month), d.audit["_id"]
    pages = [
        ("audit_capture", "/", auditor),
        ("audit_capture", f"/audits/{audit_id}/form", auditor),
        ("audit_capture", f"/audits/{audit_id}/moderate", moderator),
        ("audit_capture", f"/audits/{audit_id}/view", hoq),
        ("audit_capture", f"/moderation?month={m}", hoq),
        ("audit_capture", "/planning", hoq),
        ("audit_capture", f"/planning/{m}", hoq),
        ("audit_capture", "/observe/practice", manager),
        ("audit_capture", "/observe/meeting", director),
        ("audit_capture", "/observe/checklist", auditor),
        ("audit_capture", "/themed-audits/new", auditor),
        ("feedback_ingestion", "/", hoq),
        ("feedback_ingestion", "/imports/new", hoq),
        ("feedback_ingestion", "/quarantine", hoq),
        ("feedback_ingestion", "/reconciliation", hoq),
        ("action_tracking", "/", owner),
        ("action_tracking", "/team", manager),
        ("reporting", "/", director),
        ("reporting", f"/briefing?month={m}", director),
        ("reporting", f"/briefing?quarter={q}", director),
        ("reporting", f"/briefing?month={m}&team={d.team}", director),
        ("reporting", f"/forum?quarter={q}", director),
        ("reporting", "/coverage", director),
        ("reporting", f"/coverage?team={d.team}", manager),
        ("reporting", f"/clinic?team={d.team}&to_month={m}", manager),
        ("reporting", f"/clinic?team={d.team}&to_month={m}&months=6", director),
        ("reporting", f"/complaints?year={m[:4]}", director),
        ("reporting", f"/impact?month={m}", director),
    ]
    missing: dict[str, str] = {}
    if d.theme_id:
        pages.append(("audit_capture", f"/themed-audits/new?theme_id={d.theme_id}", auditor))
    if d.action:
        pages.append(("action_tracking", f"/action/{d.action['_id']}", manager))
    else:
        missing["action_tracking /action/{action_id}"] = f"no action for team {d.team}"
    if d.quarantine_id:
        pages.append(("feedback_ingestion", f"/quarantine/{d.quarantine_id}", hoq))
    else:
        missing["feedback_ingestion /quarantine/{entry_id}"] = "nothing quarantined"
    return [Target(s, u, p) for s, u, p in pages], missing


class Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.hrefs: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "a":
            href = dict(attrs).get("href")
            if href:
                self.hrefs.append(href)


ID_SEGMENT = re.compile(r"^(?=.*\d)[\w.:-]{12,}$")


def link_shape(url: str) -> tuple[str, tuple[str, ...]]:
    """One URL per endpoint and query shape: ids in the path, query values and which table
    of an export (`/tables/grades.csv`: one CSV and one Excel table per report) ignored."""
    parts = urlsplit(url)
    segments = ["{id}" if ID_SEGMENT.match(s) else s for s in parts.path.split("/")]
    if len(segments) > 2 and segments[-2] == "tables":
        segments[-1] = "{table}." + segments[-1].rpartition(".")[2]
    path = "/".join(segments)
    keys = tuple(sorted(k.split("=")[0] for k in parts.query.split("&") if k))
    return path, keys


async def linked_targets(pages: list[Target], urls: dict[str, str], headers,
                         per_page: int) -> list[Target]:
    """Same-service links found on each page (drill-downs, exports, one record's page)."""
    seen = {link_shape(p.url) for p in pages}
    found: list[Target] = []
    async with httpx.AsyncClient(timeout=120) as http:
        for page in pages:
            response = await http.get(urls[page.service] + page.url,
                                      headers=headers(page.persona))
            parser = Links()
            parser.feed(response.text)
            taken = 0
            for href in parser.hrefs:
                absolute = urljoin(page.url, href)
                parts = urlsplit(absolute)
                if parts.scheme or not parts.path.startswith("/") or parts.path.startswith(
                        ("/docs", "/login", "/logout")) or not href or href.startswith("#"):
                    continue
                url = parts.path + (f"?{parts.query}" if parts.query else "")
                shape = link_shape(url)
                if shape in seen or taken >= per_page:
                    continue
                seen.add(shape)
                taken += 1
                found.append(Target(page.service, url, page.persona, "linked",
                                    found_on=page.url))
    return found


# ---------------------------------------------------------------- signing in, measuring


async def sign_in(reporting: str, personas: set[Persona]) -> dict[Persona, dict[str, str]]:
    """The development sign-in a browser uses: a cookie per persona (good for every port
    of the host, as a browser's cookie is)."""
    cookies: dict[Persona, dict[str, str]] = {}
    async with httpx.AsyncClient(timeout=30) as http:
        for p in personas:
            response = await http.post(f"{reporting}/login", data={
                "role": p.role, "person_id": p.sub, "team_id": p.team or "", "next": "/"})
            assert response.status_code == 303, (p, response.status_code, response.text[:200])
            cookies[p] = {"Cookie": f"qa_token={response.cookies['qa_token']}"}
    return cookies


def token_headers(persona: Persona) -> dict[str, str]:
    from shared.auth import issue_development_token
    from shared.settings import ServiceSettings

    token = issue_development_token(secret=ServiceSettings().auth_dev_secret,
                                    subject=persona.sub, roles=[persona.role],
                                    team_id=persona.team)
    return {"Authorization": f"Bearer {token}"}


@dataclass
class Sample:
    ms: float
    status: int


async def get(http: httpx.AsyncClient, url: str, headers: dict[str, str]) -> int:
    """The status, reading the whole body. A connection the server closed as it was reused
    (uvicorn's keep-alive ends at 5 s) is tried again at once, as browsers do; the time
    counts both. Any other failure is status 599."""
    for attempt in (1, 2):
        try:
            response = await http.get(url, headers=headers)
            await response.aread()
            return response.status_code
        except httpx.RemoteProtocolError:
            if attempt == 2:
                return 599
        except httpx.TransportError:
            return 599
    return 599


async def drive(targets: list[Target], urls: dict[str, str], cookies, *, users: int,
                rounds: int, baseline: Target, baseline_per_round: int,
                seed: int, think: float = 0.0) -> dict[str, list[Sample]]:
    samples: dict[str, list[Sample]] = defaultdict(list)
    done = 0
    total = users * rounds * (len(targets) + baseline_per_round)

    async def user(n: int) -> None:
        nonlocal done
        rng = random.Random(seed * 1000 + n)
        limits = httpx.Limits(max_connections=4, max_keepalive_connections=4)
        async with httpx.AsyncClient(timeout=120, limits=limits) as http:
            for _ in range(rounds):
                order = [*targets, *[baseline] * baseline_per_round]
                rng.shuffle(order)
                for t in order:
                    headers = cookies[t.persona] if t.kind != "baseline" else {}
                    started = time.perf_counter()
                    samples[t.key].append(Sample(0, await get(http, urls[t.service] + t.url,
                                                              headers)))
                    samples[t.key][-1].ms = (time.perf_counter() - started) * 1000
                    if think:  # reading the page before the next click
                        await asyncio.sleep(think * rng.uniform(0.5, 1.5))
                    done += 1
                    if done % 250 == 0:
                        print(f"  {done}/{total} requests", file=sys.stderr, flush=True)

    await asyncio.gather(*(user(n) for n in range(users)))
    return samples


def p(values: list[float], q: float) -> float:
    if len(values) == 1:
        return values[0]
    return statistics.quantiles(values, n=100, method="inclusive")[int(q) - 1]


def summary(samples: list[Sample]) -> dict[str, Any]:
    ms = [s.ms for s in samples]
    statuses: dict[int, int] = defaultdict(int)
    for s in samples:
        statuses[s.status] += 1
    return {"n": len(ms), "p50": p(ms, 50), "p95": p(ms, 95), "max": max(ms),
            "statuses": dict(statuses)}


# ---------------------------------------------------------------- the store alone


async def store_alone(d: Data, *, users: int, repeats: int) -> dict[str, dict[str, Any]]:
    """The reads of the reporting pages, by reporting's own adapter code, straight to the
    store from this process, `users` at a time: what the store alone takes for them."""
    from pymongo import AsyncMongoClient

    from types import SimpleNamespace

    from services.reporting.application import reports
    from services.reporting.bootstrap import build_deps
    from services.reporting.domain.briefing import TREND_MONTHS
    from services.reporting.domain.periods import months_back, quarter_months
    from services.reporting.settings import ReportingSettings

    settings = ReportingSettings()
    client = AsyncMongoClient(settings.mongo_uri)
    # The attributes FactStore and Generations use: reporting's own reads, no service around.
    store = SimpleNamespace(db=client[settings.database_name])
    deps = build_deps(SimpleNamespace(store=store, outbox=None, publisher=None), settings)
    queries = deps.reports
    today = england_today()
    m, q = d.month, quarter_of(d.month)
    year = [f"{y}-{n:02d}" for y in (int(m[:4]) - 1, int(m[:4])) for n in range(1, 13)]
    reads = {
        "briefing, month": lambda: queries.briefing_facts(
            months=months_back(m, TREND_MONTHS), month=m),
        "briefing, quarter": lambda: queries.briefing_facts(
            months=months_back(quarter_months(q)[-1], TREND_MONTHS)),
        "impact (12 months)": lambda: queries.briefing_facts(months=months_back(m, 12)),
        "coverage": lambda: reports.coverage_report(deps, today=today, team=None),
        "complaints, this year and last": lambda: queries.complaints(year, team=None,
                                                                     theme=None),
        # the filter forms' teams and themes, when not kept from a page before
        "teams and themes the facts name": lambda: asyncio.gather(queries.teams_named(),
                                                                  queries.themes_named()),
    }
    out: dict[str, dict[str, Any]] = {}
    try:
        for name, read in reads.items():
            times: list[Sample] = []

            async def worker() -> None:
                for _ in range(repeats):
                    started = time.perf_counter()
                    await read()
                    times.append(Sample((time.perf_counter() - started) * 1000, 0))

            await asyncio.gather(*(worker() for _ in range(users)))
            out[name] = summary(times)
    finally:
        await client.close()
    return out


# ---------------------------------------------------------------- running it


def start_bare(port: int) -> subprocess.Popen:
    LOGS.mkdir(parents=True, exist_ok=True)
    log = open(LOGS / "page_latency_bare.log", "ab")  # noqa: SIM115 - the child owns it
    return subprocess.Popen(
        [sys.executable, "-m", "uvicorn", "--factory", "bench.page_latency:bare_app",
         "--host", "127.0.0.1", "--port", str(port), "--log-level", "warning",
         "--no-access-log"], cwd=ROOT, stdout=log, stderr=subprocess.STDOUT)


async def wait_ready(url: str) -> None:
    async with httpx.AsyncClient() as client:
        for _ in range(300):
            try:
                if (await client.get(url, timeout=1)).status_code == 200:
                    return
            except httpx.TransportError:
                pass
            await asyncio.sleep(0.2)
    raise SystemExit(f"{url} did not start")


def covered(routes: list[PageRoute], targets: list[Target],
            missing: dict[str, str]) -> list[str]:
    """Page routes no measured URL reaches (and not explained as missing or not a page)."""
    gaps = []
    for route in routes:
        if route.path in NOT_PAGES or f"{route.service} {route.path}" in missing:
            continue
        if not any(t.service == route.service and route.regex.match(urlsplit(t.url).path)
                   for t in targets):
            gaps.append(f"{route.service} {route.path}")
    return gaps


def table(rows: dict[str, dict[str, Any]], labels: dict[str, str]) -> list[str]:
    lines = ["| page | requests | p50 ms | p95 ms | max ms | statuses |",
             "|---|---|---|---|---|---|"]
    for key, s in sorted(rows.items(), key=lambda kv: -kv[1]["p95"]):
        flag = " **over**" if s["p95"] >= AIM_MS else ""
        statuses = ", ".join(f"{k}×{v}" for k, v in sorted(s["statuses"].items()))
        lines.append(f"| `{labels.get(key, key)}` | {s['n']} | {s['p50']:.0f} | "
                     f"{s['p95']:.0f}{flag} | {s['max']:.0f} | {statuses} |")
    return lines


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port-base", type=int,
                        default=int(os.environ.get("QA_PORT_BASE", "8100")),
                        help="the services listen on port-base + 1..4 (as the launcher)")
    parser.add_argument("--users", type=int, default=10)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--baseline-per-round", type=int, default=4)
    parser.add_argument("--think", type=float, default=0.0,
                        help="seconds each user reads a page before the next (0.5-1.5 times "
                             "this, at random); 0, the default, keeps ten requests in flight")
    parser.add_argument("--baseline-port", type=int, default=0,
                        help="the bare endpoint's port (default: port-base + 90)")
    parser.add_argument("--links-per-page", type=int, default=12)
    parser.add_argument("--no-links", action="store_true", help="pages only")
    parser.add_argument("--store", action="store_true",
                        help="also time the reporting pages' reads by the store alone")
    parser.add_argument("--url", action="append", default=[], metavar="SERVICE=URL",
                        help="where one service listens instead (e.g. an older build of "
                             "reporting beside the current one: reporting=http://...)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--label", default="", help="a name for this run in the output")
    parser.add_argument("--json", type=Path, help="also write the figures here")
    args = parser.parse_args()
    urls = {s: f"http://127.0.0.1:{args.port_base + 1 + n}" for n, s in enumerate(SERVICES)}
    urls.update(dict(u.split("=", 1) for u in args.url))
    baseline_port = args.baseline_port or args.port_base + 90
    urls["baseline"] = f"http://127.0.0.1:{baseline_port}"
    bare = start_bare(baseline_port)
    try:
        await wait_ready(f"{urls['baseline']}/page")
        for s in SERVICES:
            await wait_ready(f"{urls[s]}/readyz")
        data = await discover(urls, token_headers)
        pages, missing = page_targets(data)
        routes = page_routes()
        gaps = covered(routes, pages, missing)
        linked = [] if args.no_links else await linked_targets(
            pages, urls, token_headers, args.links_per_page)
        targets = [*pages, *linked]
        cookies = await sign_in(urls["reporting"], {t.persona for t in targets})
        baseline = Target("baseline", "/page", Persona("none", "none"), "baseline")
        print(f"{len(routes)} page routes found, {len(pages)} page URLs and {len(linked)} "
              f"linked URLs; month {data.month}, team {data.team}; {data.counts}",
              file=sys.stderr)
        await drive(targets, urls, cookies, users=1, rounds=1, baseline=baseline,
                    baseline_per_round=1, seed=0)  # warm up: every URL once
        started = time.perf_counter()
        samples: dict[str, list[Sample]] = {}
        bases: dict[str, dict[str, Any]] = {}
        for kind, phase in (("page", pages), ("linked", linked)):
            if not phase:
                continue
            print(f"{kind}s: {len(phase)} URLs x {args.users} users x {args.rounds} rounds",
                  file=sys.stderr)
            got = await drive(phase, urls, cookies, users=args.users, rounds=args.rounds,
                              baseline=baseline, baseline_per_round=args.baseline_per_round,
                              seed=args.seed, think=args.think)
            bases[kind] = summary(got.pop("baseline"))
            samples.update(got)
        elapsed = time.perf_counter() - started
        store = await store_alone(data, users=args.users, repeats=3) if args.store else {}
    finally:
        bare.terminate()
        bare.wait(timeout=30)

    labels = {t.key: f"{t.service} {t.url}" for t in targets}
    by_kind: dict[str, dict[str, dict[str, Any]]] = {"page": {}, "linked": {}}
    for t in targets:
        by_kind[t.kind][t.key] = summary(samples[t.key])
    every = {kind: [s.ms for t in targets if t.kind == kind for s in samples[t.key]]
             for kind in ("page", "linked")}
    base = bases["page"]
    overall = {kind: p(ms, 95) for kind, ms in every.items() if ms}
    over = [labels[k] for k, s in by_kind["page"].items() if s["p95"] >= AIM_MS]
    errors = {labels[t.key]: summary(samples[t.key])["statuses"] for t in targets
              if any(s.status >= 400 for s in samples[t.key])}
    think = f", {args.think:g} s thinking" if args.think else ", no think time"
    print(f"\n## Page latency{' (' + args.label + ')' if args.label else ''}: {args.users} users"
          f"{think}, {args.rounds} rounds, {sum(len(v) for v in samples.values())} requests in "
          f"{elapsed:.0f} s, {datetime.now(UTC):%Y-%m-%d %H:%M} UTC\n")
    print(f"Baseline (bare FastAPI page, same users, same moments): p50 {base['p50']:.0f} ms, "
          f"p95 {base['p95']:.0f} ms, max {base['max']:.0f} ms ({base['n']} requests)")
    print(f"Pages: overall p95 {overall.get('page', 0):.0f} ms; linked URLs: overall p95 "
          f"{overall.get('linked', 0):.0f} ms; aim {AIM_MS:.0f} ms per page: "
          + (f"**not met** by {len(over)} of {len(by_kind['page'])}" if over else "met"))
    print(f"Data: month {data.month}, team {data.team}, {data.counts}; load average "
          f"{os.getloadavg()[0]:.1f} at the end\n")
    print("\n".join(table(by_kind["page"], labels)))
    if by_kind["linked"]:
        b = bases["linked"]
        print(f"\nLinked from the pages (drill-downs, exports, records), measured after the "
              f"pages; the baseline meanwhile: p50 {b['p50']:.0f} ms, p95 {b['p95']:.0f} ms:\n")
        print("\n".join(table(by_kind["linked"], labels)))
    if store:
        print("\nThe store alone (reporting's reads for its pages, same concurrency):\n")
        print("| reads | n | p50 ms | p95 ms | max ms |\n|---|---|---|---|---|")
        for name, s in store.items():
            print(f"| {name} | {s['n']} | {s['p50']:.0f} | {s['p95']:.0f} | {s['max']:.0f} |")
    if missing:
        print("\nNot measured: " + "; ".join(f"{k} ({v})" for k, v in missing.items()))
    if gaps:
        print("\n**Page routes no URL reached**: " + ", ".join(gaps))
    if errors:
        print("\nAnswers other than 200: " + "; ".join(f"{k}: {v}" for k, v in errors.items()))
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps({
            "label": args.label, "users": args.users, "rounds": args.rounds,
            "think_s": args.think,
            "elapsed_s": elapsed, "baseline": bases, "overall_p95": overall,
            "pages": {labels[k]: v for k, v in by_kind["page"].items()},
            "linked": {labels[k]: v for k, v in by_kind["linked"].items()},
            "store_alone": store, "missing": missing, "gaps": gaps,
            "data": {"month": data.month, "team": data.team, **data.counts}}, indent=1))


if __name__ == "__main__":
    asyncio.run(main())
