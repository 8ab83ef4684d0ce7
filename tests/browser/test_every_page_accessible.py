"""Every page passes axe-core (issue 11's "Done when"): with a small demo year loaded through
the public APIs, every GET page of every service, opened in headless Chromium as the most
capable role that may open it, and every role's home page on every service, the sign-in page
and the refusal page, have no serious or critical violations. And a moment stored in UTC is
shown in England's time on the page."""

from __future__ import annotations

import re
import time
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from shared.auth.dependencies import COOKIE
from tests.support.accessibility import violations
from tests.support.auth import bearer, token
from tests.support.demo import run_demo
from tests.support.demo_pages import SERVICES, demo_pages, demo_reported, most_capable
from tests.support.demo_pages import person_for
from tests.support.factories import uid

WHO = re.compile(r'<span class="who">.*?</span>', re.S)
ROLES = ("head_of_quality", "principal_social_worker", "director", "head_of_service",
         "team_manager", "moderator", "auditor", "practice_learning_team", "performance_team",
         "assistant_director", "lead_member", "admin", "integration",
         "consultant_social_worker", "social_worker", "data_protection_officer")


async def _sign_in_as(page, url: str, role: str) -> None:
    """The development session cookie the sign-in form sets (every service on this host
    reads it), without filling the form once per role."""
    await page.context.clear_cookies()
    await page.context.add_cookies([{"name": COOKIE, "url": url,
                                     "value": token(role, sub=person_for(role))}])


async def _problems(page, url: str, what: str, seen: set[str]) -> list[str] | None:
    """axe-core's serious or critical violations on the page at `url`; None for a file, or
    for markup identical to a page already checked but for who is signed in (many roles
    share a home page): the same markup gives the same findings."""
    answer = await page.goto(url)
    if answer.status >= 500:  # a page that fails is no more usable than an inaccessible one
        return [f"{what}: answered {answer.status}"]
    if not answer.headers.get("content-type", "").startswith("text/html"):
        return None
    markup = WHO.sub("", await page.content())
    if markup in seen:
        return None
    seen.add(markup)
    return [f"{what}: {v}" for v in await violations(page)]


@pytest.mark.timeout(420)
async def test_no_page_has_serious_or_critical_accessibility_violations(services, http, page):
    prefix = uid("a11y")
    await run_demo(services, prefix)
    month = await demo_reported(services, http, prefix)
    started = time.monotonic()
    found: list[str] = []
    checked = 0
    pages = await demo_pages(services, http, prefix, month)
    [audit_id] = {p.path.split("/")[2] for p in pages if p.path.startswith("/audits/")
                  and p.path.endswith("/view")}
    visits = [(p.service, p.path, most_capable(p.roles)) for p in pages if p.path != "/"]
    visits += [(service, "/", role) for service in SERVICES for role in ROLES]
    visits.sort(key=lambda v: v[2])  # one sign-in per role
    signed_in, seen = None, set()
    for service, path, role in visits:
        if role != signed_in:
            await _sign_in_as(page, services.url(service), role)
            signed_in = role
        problems = await _problems(page, services.url(service) + path,
                                   f"{service} {path} as {role}", seen)
        if problems is not None:
            found += problems
            checked += 1
    await page.context.clear_cookies()
    found += await _problems(page, services.url("reporting") + "/login", "the sign-in page",
                             seen) or []
    await _sign_in_as(page, services.url("reporting"), "social_worker")
    found += await _problems(page, services.url("reporting") + "/briefing", "the refusal page",
                             seen) or []
    await _submission_shown_in_england_time(services, http, page, audit_id)
    print(f"axe-core on {checked + 2} pages in {time.monotonic() - started:.0f} s")
    assert checked > 40, checked
    assert not found, "accessibility violations:\n" + "\n".join(found)


async def _submission_shown_in_england_time(services, http, page, audit_id: str) -> None:
    """An audit's submission moment, as the API gives it (UTC), on its page in England's
    time with GMT or BST: computed here from the zone database, not the platform's helper."""
    audit = (await http.get(f"{services.url('audit_capture')}/audits/{audit_id}",
                            headers=bearer("head_of_quality"))).json()
    stored = datetime.fromisoformat(audit["submitted_at"].replace("Z", "+00:00"))
    england = stored.astimezone(ZoneInfo("Europe/London"))
    await _sign_in_as(page, services.url("audit_capture"), "head_of_quality")
    await page.goto(f"{services.url('audit_capture')}/audits/{audit_id}/view")
    shown = await page.locator("dt:text-is('Submitted') + dd").inner_text()
    assert shown == f"{england:%Y-%m-%d at %H:%M} {england.tzname()}", (stored, shown)
