"""Feedback ingestion's home page lists only what each role may open (issue 11)."""

from __future__ import annotations

from tests.support.home_links import refused_links


async def test_every_roles_home_page_links_only_to_what_it_may_open(feedback):
    assert await refused_links(feedback) == []
