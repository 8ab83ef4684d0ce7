"""`make screenshots`: every page each role can open on `make run`'s stack, as a full-page PNG.

    python -m tools.screenshots [--base-port 8101] [--out var/screenshots]

Signs in as each role through the development sign-in (/login, with a demo person's id so
"my" pages show something), opens each service's home and every parameterless GET page the
role may open (the GET paths each service's /openapi.json lists; a page that answers the
role 403 is left out), and saves
var/screenshots/<role>/<service><path>.png with headless Debian Chromium via Playwright (as
the browser tests do). Pages that answer 403 or are not HTML are left out.
"""

from __future__ import annotations

import argparse
import asyncio
import re
import shutil
from pathlib import Path

import httpx
from playwright.async_api import async_playwright

from shared.auth import EVERYONE, issue_development_token
from shared.settings import ServiceSettings

SERVICES = ("audit_capture", "feedback_ingestion", "action_tracking", "reporting", "learning",
            "data_protection")
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run"]
PEOPLE = {"social_worker": "demo-sw-01-01"}  # anyone else signs in as a demo team manager


def page_paths(base_port: int) -> dict[str, list[str]]:
    """Each service's home and parameterless GET paths (from its /openapi.json), pages only."""
    token = issue_development_token(secret=ServiceSettings().auth_dev_secret,
                                    subject="screenshots", roles=["head_of_quality"])
    found: dict[str, list[str]] = {}
    for n, service in enumerate(SERVICES):
        spec = httpx.get(f"http://127.0.0.1:{base_port + n}/openapi.json", timeout=30,
                         headers={"Authorization": f"Bearer {token}"}).json()
        found[service] = sorted({"/"} | {
            path for path, methods in spec["paths"].items()
            if "get" in methods and "{" not in path and not path.endswith("/stream")
            and not path.startswith(("/reports", "/openapi", "/docs", "/feedback/"))
            and path not in ("/healthz", "/readyz", "/metrics", "/login", "/logout")})
    return found


async def shoot(args: argparse.Namespace) -> int:
    executable = shutil.which("chromium")
    if not executable:
        raise SystemExit("Debian's chromium is needed (apt-get install chromium)")
    saved, pages = 0, page_paths(args.base_port)
    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(executable_path=executable, args=FLAGS)
        for role in EVERYONE:
            context = await browser.new_context(viewport={"width": 1280, "height": 800})
            page = await context.new_page()
            for n, (service, paths) in enumerate(pages.items()):
                base = f"http://127.0.0.1:{args.base_port + SERVICES.index(service)}"
                if n == 0:  # one sign-in: the cookie is accepted by every service's pages
                    await page.goto(f"{base}/login")
                    await page.select_option("#role", role.value)
                    await page.fill("#person_id", PEOPLE.get(role.value, "demo-tm-01"))
                    await page.click("button[type=submit]")
                for path in paths:
                    answer = await page.goto(base + path)
                    if not answer or answer.status >= 400 or "text/html" not in (
                            answer.headers.get("content-type", "")):
                        continue
                    name = re.sub(r"[^A-Za-z0-9_.-]+", "_", path.strip("/")) or "home"
                    target = Path(args.out) / role.value / f"{service}-{name}.png"
                    target.parent.mkdir(parents=True, exist_ok=True)
                    await page.screenshot(path=str(target), full_page=True)
                    saved += 1
            await context.close()
        await browser.close()
    return saved


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--base-port", type=int, default=8101, help="audit capture's port")
    parser.add_argument("--out", default="var/screenshots")
    args = parser.parse_args()
    print(f"saved {asyncio.run(shoot(args))} screenshots under {args.out}/<role>/")


if __name__ == "__main__":
    main()
