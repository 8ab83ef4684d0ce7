import time

import jwt
import pytest

from shared.auth import Role, TokenVerifier, issue_development_token
from shared.auth.tokens import DEV_AUDIENCE, DEV_ISSUER, InvalidToken
from shared.settings import DEVELOPMENT_SECRET, ServiceSettings

VERIFIER = TokenVerifier(ServiceSettings())


def test_a_development_token_carries_subject_roles_and_team():
    token = issue_development_token(secret=DEVELOPMENT_SECRET, subject="tm-001",
                                    roles=["team_manager", "not-a-role"], team_id="team-01")
    who = VERIFIER.verify(token)
    assert (who.subject, who.roles, who.team_id) == ("tm-001", {Role.TEAM_MANAGER}, "team-01")


@pytest.mark.parametrize("secret,exp_offset", [("a-different-secret-of-the-right-length!", 60), (DEVELOPMENT_SECRET, -60)])
def test_wrong_signature_or_expiry_is_refused(secret, exp_offset):
    claims = {"iss": DEV_ISSUER, "aud": DEV_AUDIENCE, "sub": "x", "roles": ["auditor"],
              "exp": int(time.time()) + exp_offset}
    with pytest.raises(InvalidToken):
        VERIFIER.verify(jwt.encode(claims, secret, algorithm="HS256"))


def test_a_token_for_another_audience_is_refused():
    claims = {"iss": DEV_ISSUER, "aud": "someone-else", "sub": "x", "exp": int(time.time()) + 60}
    with pytest.raises(InvalidToken):
        VERIFIER.verify(jwt.encode(claims, DEVELOPMENT_SECRET, algorithm="HS256"))


def test_a_verified_token_is_trusted_again_only_until_it_expires(monkeypatch):
    verifier = TokenVerifier(ServiceSettings())
    now = time.time()
    claims = {"iss": DEV_ISSUER, "aud": DEV_AUDIENCE, "sub": "x", "roles": ["auditor"],
              "exp": int(now) + 30}
    token = jwt.encode(claims, DEVELOPMENT_SECRET, algorithm="HS256")
    first = verifier.verify(token)
    monkeypatch.setattr(jwt, "decode", lambda *a, **k: pytest.fail("verified again"))
    assert verifier.verify(token) is first  # from the cache: no second signature check
    monkeypatch.setattr(time, "time", lambda: now + 31)  # past its expiry: checked again

    def expired(*_, **__):
        raise jwt.ExpiredSignatureError("expired")

    monkeypatch.setattr(jwt, "decode", expired)
    with pytest.raises(InvalidToken, match="ExpiredSignatureError"):
        verifier.verify(token)
