"""Production checks OIDC tokens against the issuer's JWKS (served locally here)."""

from __future__ import annotations

import json
import threading
import time
from http.server import BaseHTTPRequestHandler, HTTPServer

import jwt
import pytest
from cryptography.hazmat.primitives.asymmetric import rsa

from shared.auth import Role, TokenVerifier
from shared.auth.tokens import InvalidToken
from shared.settings import ServiceSettings

KEY = rsa.generate_private_key(public_exponent=65537, key_size=2048)
OTHER_KEY = rsa.generate_private_key(public_exponent=65537, key_size=2048)
ISSUER, AUDIENCE = "https://idp.council.example.test/", "qa-platform"


@pytest.fixture(scope="module")
def jwks_url():
    jwk = json.loads(jwt.algorithms.RSAAlgorithm.to_jwk(KEY.public_key()))
    body = json.dumps({"keys": [jwk | {"kid": "k1", "use": "sig", "alg": "RS256"}]}).encode()

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    server = HTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_port}/jwks"
    server.shutdown()


@pytest.fixture
def verifier(jwks_url, monkeypatch):
    for name, value in {"QA_ENVIRONMENT": "production", "QA_AUTH_DEV_SECRET": "p" * 40, "QA_MASTER_KEY": "eA" * 21 + "eA==",
                        "QA_OIDC_ISSUER": ISSUER, "QA_OIDC_AUDIENCE": AUDIENCE,
                        "QA_OIDC_JWKS_URL": jwks_url}.items():
        monkeypatch.setenv(name, value)
    return TokenVerifier(ServiceSettings())


def sign(key, **overrides) -> str:
    claims = {"iss": ISSUER, "aud": AUDIENCE, "sub": "hos-007", "roles": ["head_of_service"],
              "exp": int(time.time()) + 300} | overrides
    return jwt.encode(claims, key, algorithm="RS256", headers={"kid": "k1"})


def test_an_issuer_token_is_accepted(verifier):
    who = verifier.verify(sign(KEY))
    assert (who.subject, who.roles) == ("hos-007", {Role.HEAD_OF_SERVICE})


@pytest.mark.parametrize("key,overrides", [
    (OTHER_KEY, {}), (KEY, {"iss": "https://elsewhere.example.test/"}),
    (KEY, {"aud": "another-app"}), (KEY, {"exp": int(time.time()) - 10}),
])
def test_wrong_key_issuer_audience_or_expiry_is_refused(verifier, key, overrides):
    with pytest.raises(InvalidToken):
        verifier.verify(sign(key, **overrides))


def test_a_development_token_is_refused_in_production(verifier):
    dev = jwt.encode({"iss": ISSUER, "aud": AUDIENCE, "sub": "x", "exp": int(time.time()) + 60},
                     "p" * 40, algorithm="HS256")
    with pytest.raises(InvalidToken):
        verifier.verify(dev)
