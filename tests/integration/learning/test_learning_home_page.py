"""Learning's home page (issue 13) on the real Kafka and store: every role is offered each
learning page it may open (circles, the staff survey, supervision, the practice learning
team, ASYE, the L&D programme, the JLT report...) and none that would refuse it."""

from __future__ import annotations

import re

import httpx

from tests.support.auth import bearer
from tests.support.home_links import refused_links

HREF = re.compile(r'<a href="(/[^"]*)"')


async def offered(http: httpx.AsyncClient, role: str) -> set[str]:
    home = await http.get("/", headers=bearer(role, sub=f"home-{role}") | {"Accept": "text/html"})
    assert home.status_code == 200
    return {re.sub(r"/\d{4}(-Q\d|-\d\d)?(?=/|$)", "/{period}", h)
            for h in HREF.findall(home.text.split('<main id="main">', 1)[1])}


async def test_every_roles_home_page_links_only_to_what_it_may_open(learning):
    async with httpx.AsyncClient(base_url=learning.url) as http:
        assert await refused_links(http) == []

        everyone = {"/my-results", "/my-learning-record", "/supervision",
                    "/staff-survey/{period}", "/learning-and-development",
                    "/monthly-findings/{period}"}
        plt = offered(http, "practice_learning_team")
        assert everyone | {"/circles", "/practice-learning-team",
                           "/practice-learning-team/annual-reviews", "/asye-programme",
                           "/staff-survey/{period}/questions", "/staff-survey/{period}/results",
                           "/jlt/{period}"} <= await plt
        worker = await offered(http, "social_worker")
        assert everyone <= worker
        assert not {"/circles", "/practice-learning-team", "/asye-programme", "/jlt/{period}",
                    "/staff-survey/{period}/results"} & worker
        integration = await offered(http, "integration")
        assert "/my-learning-record" not in integration and "/jlt/{period}" in integration
