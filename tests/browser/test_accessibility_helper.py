"""The accessibility helper (tests/support/accessibility.py) finds what axe-core calls
serious or critical, so a page passing it means something."""

from __future__ import annotations

from tests.support.accessibility import violations


async def test_the_helper_finds_an_unlabelled_field_and_passes_a_labelled_one(page):
    await page.set_content('<html lang="en"><head><title>t</title></head><body><main>'
                           '<input id="x"></main></body></html>')
    found = await violations(page)
    assert any(line.startswith("label (critical)") for line in found), found
    await page.set_content('<html lang="en"><head><title>t</title></head><body><main>'
                           '<label for="x">Name</label><input id="x"></main></body></html>')
    assert await violations(page) == []
