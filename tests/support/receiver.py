"""A local webhook receiver on 127.0.0.1 that records what arrives and can be told to fail."""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator
from dataclasses import dataclass, field

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from .serving import start
from .waiting import eventually


@dataclass
class Receiver:
    url: str = ""
    fail_first: int = 0  # answer 503 to this many requests, then 204
    always_fail: bool = False
    received: list[tuple[bytes, dict[str, str]]] = field(default_factory=list)
    attempts: int = 0

    async def handle(self, request: Request) -> Response:
        self.attempts += 1
        if self.always_fail or self.attempts <= self.fail_first:
            return Response(status_code=503)
        self.received.append((await request.body(), dict(request.headers)))
        return Response(status_code=204)


@contextlib.asynccontextmanager
async def receiver(**options) -> AsyncIterator[Receiver]:
    target = Receiver(**options)
    app = Starlette(routes=[Route("/hook", target.handle, methods=["POST"])])
    served = start(app)

    async def started() -> bool:
        served.failed_to_start()
        return served.server.started

    try:
        await eventually(started, timeout=15, interval=0.02, what="the test receiver started")
        target.url = f"{served.url}/hook"
        yield target
    finally:
        await served.stop(seconds=15)
