"""What learning's home page offers: every page of the service a role may open, and only
those (each link with the roles of the route it leads to, from roles.py)."""

from __future__ import annotations

from typing import NamedTuple

from shared.auth import Principal, Role

from ..roles import CIRCLE_KEEPERS, GOVERNANCE_READERS, PLT_READERS, READERS, STAFF
from ..roles import SURVEY_AUTHORS, SURVEY_READERS


class Link(NamedTuple):
    href: str
    label: str
    roles: tuple[Role, ...]


def links(*, quarter: str, month: str, year: int) -> list[tuple[str, list[Link]]]:
    """The home page's links in groups; `quarter`, `month` and `year` are now's."""
    return [
        ("My learning", [
            Link("/my-results", "My audit results and reflections", STAFF),
            Link("/my-learning-record", "My learning record (CPD evidence)", STAFF),
            Link("/supervision", "Reflective supervision", STAFF),
            Link(f"/staff-survey/{year}", f"Staff survey {year}", STAFF)]),
        ("Learning across the service", [
            Link("/learning-and-development", "Learning and development programme", READERS),
            Link("/circles", "Learning circles", CIRCLE_KEEPERS),
            Link("/practice-learning-team", "Practice learning team: to review", PLT_READERS),
            Link("/practice-learning-team/annual-reviews", "Annual reviews of observations",
                 PLT_READERS),
            Link("/asye-programme", "ASYE programme", PLT_READERS),
            Link(f"/staff-survey/{year}/questions", f"Staff survey {year}: its questions",
                 SURVEY_AUTHORS),
            Link(f"/staff-survey/{year}/results", f"Staff survey {year}: results",
                 SURVEY_READERS)]),
        ("Review", [
            Link(f"/monthly-findings/{month}", f"Monthly findings, {month}", READERS),
            Link(f"/jlt/{quarter}", f"Quarterly report to the Joint Leadership Team, {quarter}",
                 GOVERNANCE_READERS)]),
    ]


def offered(who: Principal, *, quarter: str, month: str,
            year: int) -> list[tuple[str, list[Link]]]:
    """The groups and links this person may open (a group with none left is dropped)."""
    groups = [(name, [link for link in group if who.has_any(frozenset(link.roles))])
              for name, group in links(quarter=quarter, month=month, year=year)]
    return [(name, group) for name, group in groups if group]
