"""An accessibility check any browser test can run on its page: axe-core (the version bundled
by the pinned `axe-playwright-python`, installed with the test extras) run in the page, and
the serious or critical violations it finds described, so a test can assert there are none."""

from __future__ import annotations

from typing import Any

from axe_playwright_python.async_playwright import Axe

BLOCKING = frozenset({"serious", "critical"})
_axe = Axe()


async def violations(page: Any, *, impacts: frozenset[str] = BLOCKING) -> list[str]:
    """One line per violation of these impacts on the page as it is now: the rule, its
    impact, its help text and the first elements it concerns."""
    results = await _axe.run(page)
    found = []
    for violation in results.response["violations"]:
        if violation.get("impact") in impacts:
            targets = [" ".join(map(str, n.get("target", []))) for n in violation["nodes"][:3]]
            found.append(f"{violation['id']} ({violation['impact']}): {violation['help']} "
                         f"at {', '.join(targets)}")
    return found


async def assert_accessible(page: Any, what: str = "") -> None:
    """No serious or critical axe-core violations on the page."""
    found = await violations(page)
    assert not found, f"accessibility violations on {what or page.url}:\n" + "\n".join(found)
