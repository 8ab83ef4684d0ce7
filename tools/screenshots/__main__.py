"""`make screenshots`: every page each role can reach on `make run`'s stack, as a full-page PNG.

    python -m tools.screenshots [--base-port 8101] [--out var/screenshots] [--most 60]

Signs in as each role through the development sign-in (/login, with a demo person's id so
"my" pages show something) and walks the pages as that person would: from each service's
home, every link to a page of the platform, breadth first. A page is saved once per kind
(`/action/<id>` once, not for every action: the parts of a path that carry a number or an id
are what tell kinds apart), up to `--most` a role, as
var/screenshots/<role>/<service>-<path>.png, with headless Debian Chromium via Playwright
(as the browser tests do). Links that do something (sign out), downloads (PDF, CSV, Excel),
live streams and the API's own pages are not followed; a page that answers 403 or is not
HTML is left out.
"""

from __future__ import annotations

import argparse
import asyncio
import re
import shutil
from collections import deque
from pathlib import Path
from urllib.parse import urlsplit

from playwright.async_api import Error as PlaywrightError
from playwright.async_api import Page, async_playwright

from shared.auth import EVERYONE

SERVICES = ("audit_capture", "feedback_ingestion", "action_tracking", "reporting", "learning",
            "data_protection")
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run"]
PEOPLE = {"social_worker": "demo-sw-01-01"}  # anyone else signs in as a demo team manager
NOT_PAGES = re.compile(r"/(logout|login|auth/|docs|openapi\.json|metrics|healthz|readyz)"
                       r"|/stream$|\.(pdf|csv|xlsx|json)$")
DOWNLOADS = re.compile(r"(^|&)fmt=")
ID_LIKE = re.compile(r"\d|^[0-9a-f]{8}-|^[A-Z]+-[A-Z]")


def kind_of(path: str) -> str:
    """A page's kind: its path with each segment that names one record (it holds a digit, a
    UUID or a reference) replaced, and without its query."""
    return "/".join("{}" if ID_LIKE.search(part) else part for part in path.split("/"))


def file_name(service: str, path: str) -> str:
    return f"{service}-{re.sub(r'[^A-Za-z0-9_.-]+', '_', path.strip('/')) or 'home'}.png"


async def walk(page: Page, bases: dict[str, str], out: Path, most: int) -> int:
    """Breadth first from each service's home; one screenshot per kind of page."""
    service_of = {urlsplit(base).netloc: service for service, base in bases.items()}
    queue = deque(f"{base}/" for base in bases.values())
    kinds: set[tuple[str, str]] = set()
    saved = 0
    while queue and saved < most:
        url = queue.popleft()
        parts = urlsplit(url)
        service = service_of.get(parts.netloc)
        kind = (service or "", kind_of(parts.path))
        if (service is None or kind in kinds or NOT_PAGES.search(parts.path)
                or DOWNLOADS.search(parts.query)):
            continue
        kinds.add(kind)
        try:
            answer = await page.goto(url)
        except PlaywrightError:  # a download after all, or a page that never finished
            continue
        if not answer or answer.status >= 400 or "text/html" not in (
                answer.headers.get("content-type", "")):
            continue
        out.mkdir(parents=True, exist_ok=True)
        await page.screenshot(path=str(out / file_name(service, parts.path)), full_page=True)
        saved += 1
        links = await page.eval_on_selector_all("a[href]", "els => els.map(e => e.href)")
        queue.extend(link.split("#")[0] for link in links)
    return saved


async def shoot(args: argparse.Namespace) -> int:
    executable = shutil.which("chromium")
    if not executable:
        raise SystemExit("Debian's chromium is needed (apt-get install chromium)")
    bases = {s: f"http://127.0.0.1:{args.base_port + n}" for n, s in enumerate(SERVICES)}
    saved = 0
    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(executable_path=executable, args=FLAGS)
        for role in EVERYONE:
            context = await browser.new_context(viewport={"width": 1280, "height": 800})
            page = await context.new_page()
            # one sign-in: the cookie is accepted by every service's pages
            await page.goto(f"{bases['audit_capture']}/login")
            await page.select_option("#role", role.value)
            await page.fill("#person_id", PEOPLE.get(role.value, "demo-tm-01"))
            await page.click("button[type=submit]")
            saved += await walk(page, bases, Path(args.out) / role.value, args.most)
            await context.close()
        await browser.close()
    return saved


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--base-port", type=int, default=8101, help="audit capture's port")
    parser.add_argument("--out", default="var/screenshots")
    parser.add_argument("--most", type=int, default=60, help="pages a role at the most")
    args = parser.parse_args()
    print(f"saved {asyncio.run(shoot(args))} screenshots under {args.out}/<role>/")


if __name__ == "__main__":
    main()
