"""What data protection's home page offers: every page a role may open, and only those."""

from __future__ import annotations

from typing import NamedTuple

from shared.auth import Principal, Role


class Link(NamedTuple):
    href: str
    label: str
    roles: tuple[Role, ...]


LINKS: list[Link] = []  # each page adds its link here as it is built


def offered(who: Principal) -> list[Link]:
    return [link for link in LINKS if who.has_any(frozenset(link.roles))]
