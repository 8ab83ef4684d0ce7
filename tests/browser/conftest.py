"""Headless Debian Chromium driven by Playwright (no browser download)."""

from __future__ import annotations

import shutil

import pytest
from playwright.async_api import async_playwright

CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                  "--no-first-run", "--disable-background-networking",
                  "--disable-component-update", "--disable-sync"]


@pytest.fixture
async def page():
    executable = shutil.which("chromium")
    assert executable, "Debian's chromium is needed (make test installs it)"
    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(executable_path=executable,
                                                   args=CHROMIUM_FLAGS)
        context = await browser.new_context()
        yield await context.new_page()
        await browser.close()
