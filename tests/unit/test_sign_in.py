"""The parts of production sign-in that need no issuer: where a person may be sent back to,
and the flow kept in the browser between leaving and coming back."""

import pytest

from shared.auth.sign_in import Flow
from shared.web.sign_in import safe_next


@pytest.mark.parametrize("target,sent_to", [
    ("/planning?month=2026-11", "/planning?month=2026-11"), ("//evil.example", "/"),
    ("/\\evil.example", "/"), ("https://evil.example/", "/"), ("planning", "/"),
])
def test_a_person_is_only_sent_back_to_a_page_of_this_site(target, sent_to):
    assert safe_next(target) == sent_to


def test_a_flow_survives_its_cookie_and_garbage_is_no_flow():
    flow = Flow(state="s" * 43, nonce="n" * 43, verifier="v" * 86,
                redirect_uri="https://qa.council.example/auth/callback", next="/")
    assert Flow.from_cookie(flow.to_cookie()) == flow
    for garbage in (None, "", "not base64!", "W10=", "eyJ4IjogMX0="):  # [], {"x": 1}
        assert Flow.from_cookie(garbage) is None
