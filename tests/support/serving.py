"""Serving an app in the test process on a port the system chose, on the real Kafka and
store: started, waited for until ready (a bounded wait), and stopped whatever the test did."""

from __future__ import annotations

import asyncio
import contextlib
import socket
from collections.abc import AsyncIterator
from dataclasses import dataclass
from typing import Any

import httpx
import uvicorn

from .waiting import eventually

STOP_SECONDS = 30.0


def listening_socket() -> socket.socket:
    """A socket on a port the system chose: no clash with other engineers' or clients' ports."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("127.0.0.1", 0))
    sock.listen(128)
    return sock


@dataclass
class Served:
    server: uvicorn.Server
    task: asyncio.Task
    url: str

    async def stop(self, seconds: float = STOP_SECONDS) -> None:
        """Ask the server to finish; it has `seconds` to (not wait_for: shared/cancellation)."""
        self.server.should_exit = True
        async with asyncio.timeout(seconds):
            await self.task

    def failed_to_start(self) -> None:
        if self.task.done():
            self.task.result()  # it failed: say why


def start(app: Any, **options: Any) -> Served:
    sock = listening_socket()
    server = uvicorn.Server(uvicorn.Config(app, log_level="warning", **options))
    task = asyncio.create_task(server.serve(sockets=[sock]))
    return Served(server, task, f"http://127.0.0.1:{sock.getsockname()[1]}")


@contextlib.asynccontextmanager
async def serving(app: Any, what: str) -> AsyncIterator[Served]:
    """A service's app with its lifespan (runtime, consumers, background tasks), yielded once
    its /readyz answers 200 (Kafka and the store reachable)."""
    served = start(app, lifespan="on")

    async def ready() -> bool:
        served.failed_to_start()
        try:
            async with httpx.AsyncClient() as http:
                return (await http.get(f"{served.url}/readyz")).status_code == 200
        except httpx.HTTPError:
            return False

    try:
        await eventually(ready, timeout=60, what=f"{what} ready")
        yield served
    finally:
        await served.stop()
