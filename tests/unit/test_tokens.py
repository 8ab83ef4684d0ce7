import time

import jwt
import pytest
from fastapi import Depends, FastAPI
from fastapi.testclient import TestClient

from shared.auth import Role, TokenVerifier, allow, configure_auth, issue_development_token
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


def signed(**claims) -> str:
    base = {"iss": DEV_ISSUER, "aud": DEV_AUDIENCE, "sub": "x", "exp": int(time.time()) + 60}
    return jwt.encode(base | claims, DEVELOPMENT_SECRET, algorithm="HS256")


@pytest.mark.parametrize("claims,reason", [
    ({"roles": 7}, "roles"), ({"roles": {"auditor": 1}}, "roles"),
    ({"roles": [["auditor"]]}, "roles"), ({"roles": ["auditor"], "team_id": 12}, "team_id"),
])
def test_a_signed_token_with_claims_of_the_wrong_shape_is_refused(claims, reason):
    with pytest.raises(InvalidToken, match=reason):
        VERIFIER.verify(signed(**claims))


def test_a_numeric_roles_claim_answers_401_with_the_reason_not_500():
    app = FastAPI()
    configure_auth(app, TokenVerifier(ServiceSettings()))

    @app.get("/guarded")
    async def guarded(who=Depends(allow(Role.AUDITOR))) -> dict:
        return {"sub": who.subject}

    client = TestClient(app, raise_server_exceptions=False)
    response = client.get("/guarded", headers={"Authorization": f"Bearer {signed(roles=7)}"})
    assert response.status_code == 401
    assert "roles claim" in response.json()["detail"]
