"""In production a person opens a page, signs in at the council's identity provider (a local
issuer on another site) and comes back to the page they asked for, signed in."""

from __future__ import annotations

from tests.support.oidc_issuer import production_service, running_issuer


async def test_a_page_sends_a_person_to_the_council_sign_in_and_back(page):
    with running_issuer() as issuer, production_service(issuer) as processes:
        service = processes.url("audit_capture")
        await page.goto(f"{service}/planning")
        assert page.url.startswith(f"{issuer.url}/authorize?")  # crossed to the issuer's site
        await page.get_by_label("User name").fill("hoq-001")
        await page.get_by_role("button", name="Sign in").click()
        await page.wait_for_url(f"{service}/planning")  # back through the callback, Lax cookie
        assert "Signed in as hoq-001" in await page.locator("header").inner_text()
        cookie = next(c for c in await page.context.cookies() if c["name"] == "qa_token")
        assert cookie["httpOnly"] and cookie["sameSite"] == "Lax"
