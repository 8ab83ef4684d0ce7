"""Production sign-in for the pages: the OIDC authorisation code flow with PKCE against a
local issuer, driven over HTTP with redirects followed, as a browser would."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import httpx
import pytest

from tests.support.oidc_issuer import CLIENT_ID, production_service, running_issuer

HTML = {"Accept": "text/html"}


@pytest.fixture(scope="module")
def issuer():
    with running_issuer() as running:
        yield running


@pytest.fixture(scope="module")
def service(issuer):
    with production_service(issuer) as processes:
        yield processes.url("audit_capture")


@pytest.fixture(autouse=True)
def honest_issuer(issuer):
    issuer.tamper = None


@pytest.fixture
async def browser():
    async with httpx.AsyncClient(timeout=30, follow_redirects=True) as client:
        yield client


async def to_issuer_form(browser, service, page="/") -> tuple[httpx.Response, str]:
    """Opens a page unsigned: it ends on the issuer's sign-in form."""
    form = await browser.get(f"{service}{page}", headers=HTML)
    assert form.status_code == 200 and "Council sign-in" in form.text
    form_id = form.text.split("name='form_id' value='")[1].split("'")[0]
    return form, form_id


async def test_an_unsigned_page_request_goes_to_the_council_sign_in(service, browser):
    first = await browser.get(f"{service}/planning?month=2026-11", headers=HTML,
                              follow_redirects=False)
    assert first.status_code == 303
    assert first.headers["location"] == "/auth/login?next=/planning%3Fmonth%3D2026-11"
    assert (await browser.get(f"{service}/login")).status_code == 404  # no development sign-in
    api = await browser.get(f"{service}/audits")  # an API client still gets 401, not a page
    assert api.status_code == 401


async def test_signing_in_with_pkce_sets_the_session_the_pages_accept(issuer, service, browser):
    form, form_id = await to_issuer_form(browser, service)
    asked = parse_qs(urlsplit(str(form.history[-1].headers["location"])).query)
    assert asked["code_challenge_method"] == ["S256"] and asked["client_id"] == [CLIENT_ID]
    assert {"state", "nonce", "code_challenge"} <= asked.keys()

    home = await browser.post(f"{issuer.url}/authorize",
                              data={"form_id": form_id, "username": "hos-007"})
    assert home.status_code == 200 and str(home.url) == f"{service}/"
    assert "Signed in as hos-007 (head_of_service)" in home.text
    assert issuer.token_requests[-1]["code_verifier"]  # the code was redeemed with PKCE
    cookie = browser.cookies["qa_token"]
    assert (await browser.get(f"{service}/audits",
                              headers={"Authorization": f"Bearer {cookie}"})).status_code == 200

    out = await browser.post(f"{service}/logout")
    assert "Signed out" in out.text and issuer.signed_out[-1]["client_id"] == CLIENT_ID
    assert "qa_token" not in browser.cookies


async def test_the_page_asked_for_is_the_page_reached(issuer, service, browser):
    _, form_id = await to_issuer_form(browser, service, "/planning")
    page = await browser.post(f"{issuer.url}/authorize",
                              data={"form_id": form_id, "username": "hoq-001"})
    assert str(page.url) == f"{service}/planning" and page.status_code == 200


async def test_a_person_without_a_role_is_signed_in_but_sees_no_page(issuer, service, browser):
    _, form_id = await to_issuer_form(browser, service)
    page = await browser.post(f"{issuer.url}/authorize", headers=HTML,
                              data={"form_id": form_id, "username": "nobody-009"})
    assert page.status_code == 403 and "cannot see this page" in page.text


@pytest.mark.parametrize("tamper,reason", [("nonce", "nonce"), ("key", "InvalidSignature")])
async def test_an_id_token_not_for_this_sign_in_is_refused(issuer, service, browser, tamper,
                                                         reason):
    _, form_id = await to_issuer_form(browser, service)
    issuer.tamper = tamper
    refused = await browser.post(f"{issuer.url}/authorize",
                                 data={"form_id": form_id, "username": "hos-007"})
    assert refused.status_code == 401 and reason in refused.text
    assert "qa_token" not in browser.cookies


async def test_a_callback_with_another_state_or_a_used_code_is_refused(issuer, service,
                                                                       browser):
    _, form_id = await to_issuer_form(browser, service)
    back = await browser.post(f"{issuer.url}/authorize",
                              data={"form_id": form_id, "username": "hos-007"},
                              follow_redirects=False)
    callback = httpx.URL(back.headers["location"])
    forged = callback.copy_set_param("state", "x" * 43)
    assert (await browser.get(forged)).status_code == 400
    assert (await browser.get(callback)).status_code == 200  # the real one, once
    browser.cookies.clear()
    assert (await browser.get(callback)).status_code == 400  # replayed in another browser
    assert "qa_token" not in browser.cookies
