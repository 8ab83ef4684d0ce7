"""What a home page offers a role, and whether each of it opens for that role (issue 11: every
home page lists only what that role may open)."""

from __future__ import annotations

import re

from shared.auth import EVERYONE

from .auth import bearer

LINK = re.compile(r'<a href="(/[^"]*)"')


async def refused_links(http) -> list[str]:
    """Every link in the main part of the home page, for every role, that answers that role
    403 (or fails); empty when each role is offered only what it may open."""
    refused = []
    for role in EVERYONE:
        headers = bearer(role.value, sub=f"home-{role.value}") | {"Accept": "text/html"}
        home = await http.get("/", headers=headers)
        assert home.status_code == 200, (role, home.status_code)
        main = home.text.split('<main id="main">', 1)[1]
        for href in sorted(set(LINK.findall(main))):
            answer = await http.get(href.replace("&amp;", "&"), headers=headers)
            if answer.status_code == 403 or answer.status_code >= 500:
                refused.append(f"{role.value}: {href} answered {answer.status_code}")
    return refused
