"""A small, strict OIDC issuer for tests: a real discovery document, JWKS, authorisation
endpoint (a sign-in form), token endpoint (PKCE S256 checked, codes used once) and
end-session endpoint, run by uvicorn on a loopback port.

It is reached as `localhost` while the services are at 127.0.0.1, so the browser crosses
sites on the way back, as it does with a council's real identity provider.
"""

from __future__ import annotations

import base64
import hashlib
import html
import json
import os
import secrets
import socket
import threading
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from urllib.parse import urlencode

import jwt
import uvicorn
from cryptography.hazmat.primitives.asymmetric import rsa
from fastapi import FastAPI, Form, HTTPException, Request
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse

from services.launcher import ROOT, ServiceProcesses
from shared.settings import ServiceSettings

CLIENT_ID, AUDIENCE = "qa-platform-pages", "qa-platform"
# The issuer's directory of synthetic people: who may sign in, with which roles.
PEOPLE = {"hos-007": ["head_of_service"], "hoq-001": ["head_of_quality"], "nobody-009": []}


@dataclass
class FakeIssuer:
    url: str
    key: rsa.RSAPrivateKey = field(default_factory=lambda: rsa.generate_private_key(
        public_exponent=65537, key_size=2048))
    pending: dict[str, dict] = field(default_factory=dict)  # sign-in form id -> request
    codes: dict[str, dict] = field(default_factory=dict)  # code -> request and person
    token_requests: list[dict] = field(default_factory=list)
    signed_out: list[dict] = field(default_factory=list)
    tamper: str | None = None  # "nonce" | "key": the next ID tokens are wrong that way

    def jwks(self) -> dict:
        jwk = json.loads(jwt.algorithms.RSAAlgorithm.to_jwk(self.key.public_key()))
        return {"keys": [jwk | {"kid": "test-key", "use": "sig", "alg": "RS256"}]}

    def sign(self, claims: dict) -> str:
        key = self.key
        if self.tamper == "key" and claims["aud"] == CLIENT_ID:
            key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
        return jwt.encode(claims, key, algorithm="RS256", headers={"kid": "test-key"})

    def tokens_for(self, grant: dict) -> dict:
        now = int(time.time())
        common = {"iss": self.url, "sub": grant["person"], "roles": PEOPLE[grant["person"]],
                  "iat": now, "exp": now + 600}
        nonce = "not-the-nonce" if self.tamper == "nonce" else grant["nonce"]
        return {"token_type": "Bearer", "expires_in": 600,
                "access_token": self.sign(common | {"aud": AUDIENCE}),
                "id_token": self.sign(common | {"aud": CLIENT_ID, "nonce": nonce})}


def s256(verifier: str) -> str:
    digest = hashlib.sha256(verifier.encode()).digest()
    return base64.urlsafe_b64encode(digest).rstrip(b"=").decode()


def issuer_app(issuer: FakeIssuer) -> FastAPI:
    app = FastAPI()

    @app.get("/.well-known/openid-configuration")
    async def discovery() -> dict:
        return {"issuer": issuer.url, "authorization_endpoint": f"{issuer.url}/authorize",
                "token_endpoint": f"{issuer.url}/token", "jwks_uri": f"{issuer.url}/jwks",
                "end_session_endpoint": f"{issuer.url}/logout",
                "response_types_supported": ["code"], "subject_types_supported": ["public"],
                "id_token_signing_alg_values_supported": ["RS256"],
                "code_challenge_methods_supported": ["S256"],
                "token_endpoint_auth_methods_supported": ["none"]}

    @app.get("/jwks")
    async def jwks() -> dict:
        return issuer.jwks()

    @app.get("/authorize", response_class=HTMLResponse)
    async def authorize(request: Request) -> str:
        asked = dict(request.query_params)
        wanted = {"response_type": "code", "client_id": CLIENT_ID, "code_challenge_method": "S256"}
        if any(asked.get(k) != v for k, v in wanted.items()) or "openid" not in \
                asked.get("scope", "").split() or not all(
                asked.get(k) for k in ("redirect_uri", "state", "nonce", "code_challenge")):
            raise HTTPException(400, "not an authorisation code request with PKCE and nonce")
        form_id = secrets.token_urlsafe(16)
        issuer.pending[form_id] = asked
        return ("<!doctype html><title>Council sign-in</title><h1>Council sign-in</h1>"
                f"<form method='post' action='/authorize'><input type='hidden' name='form_id' "
                f"value='{form_id}'><label>User name <input name='username'></label>"
                "<button type='submit'>Sign in</button></form>")

    @app.post("/authorize")
    async def sign_in(form_id: str = Form(), username: str = Form()) -> RedirectResponse:
        asked = issuer.pending.pop(form_id, None)
        if asked is None or username not in PEOPLE:
            raise HTTPException(400, "unknown sign-in or person")
        code = secrets.token_urlsafe(24)
        issuer.codes[code] = asked | {"person": username}
        back = urlencode({"code": code, "state": asked["state"]})
        return RedirectResponse(f"{asked['redirect_uri']}?{back}", status_code=303)

    @app.post("/token")
    async def token(request: Request) -> JSONResponse:
        form = dict(await request.form())
        issuer.token_requests.append(form)
        grant = issuer.codes.pop(form.get("code", ""), None)  # a code is used once
        if (grant is None or form.get("grant_type") != "authorization_code"
                or form.get("client_id") != CLIENT_ID
                or form.get("redirect_uri") != grant["redirect_uri"]
                or s256(form.get("code_verifier", "")) != grant["code_challenge"]):
            return JSONResponse({"error": "invalid_grant"}, status_code=400)
        return JSONResponse(issuer.tokens_for(grant))

    @app.get("/logout", response_class=HTMLResponse)
    async def logout(request: Request) -> str:
        issuer.signed_out.append(dict(request.query_params))
        return f"<!doctype html><h1>Signed out of {html.escape(CLIENT_ID)}</h1>"

    return app


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextmanager
def running_issuer(timeout: float = 10.0) -> Iterator[FakeIssuer]:
    port = free_port()
    issuer = FakeIssuer(url=f"http://localhost:{port}")
    server = uvicorn.Server(uvicorn.Config(issuer_app(issuer), host="127.0.0.1", port=port,
                                           log_level="warning", lifespan="off"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + timeout
    while not server.started:  # a bounded wait for the condition, not a fixed sleep
        assert thread.is_alive() and time.monotonic() < deadline, "issuer did not start"
        time.sleep(0.02)  # the pace of the bounded poll above, not a wait of its own
    try:
        yield issuer
    finally:
        server.should_exit = True
        thread.join(timeout)


@contextmanager
def production_service(issuer: FakeIssuer, service: str = "audit_capture",
                       ) -> Iterator[ServiceProcesses]:
    """One service in production mode, signing people in at `issuer`: its own database and
    consumer group on the test broker and store, ports clear of the session's services."""
    from pymongo import MongoClient

    run = uuid.uuid4().hex[:8]
    database = f"qa_oidc_{run}"
    session_base = int(os.environ.get("QA_PORT_BASE", "28100"))
    processes = ServiceProcesses(  # logs beside the session's, so the leak scan reads them
        port_base=session_base + 40,
        log_dir=ROOT / "var" / f"test-logs-{session_base}" / "production-sign-in",
        extra_env={"QA_ENVIRONMENT": "production", "QA_AUTH_DEV_SECRET": secrets.token_hex(24),
                   # the suite's own master key, as a production Secret would give it
                   "QA_MASTER_KEY": base64.b64encode(
                       (ROOT / ServiceSettings().master_key_file).read_bytes()).decode(),
                   "QA_OIDC_ISSUER": issuer.url, "QA_OIDC_AUDIENCE": AUDIENCE,
                   "QA_OIDC_JWKS_URL": f"{issuer.url}/jwks", "QA_OIDC_CLIENT_ID": CLIENT_ID,
                   "QA_MONGO_DATABASE": database, "QA_KAFKA_GROUP_SUFFIX": f"-oidc-{run}"})
    processes.start(service)
    try:
        processes.wait_ready(60, service)
        yield processes
    finally:
        processes.stop()
        with MongoClient(os.environ.get("QA_MONGO_URI", "mongodb://127.0.0.1:29017/")) as store:
            store.drop_database(database)
