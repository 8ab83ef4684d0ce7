"""Run a service's app under uvicorn on its configured host and port."""

from __future__ import annotations

import uvicorn
from fastapi import FastAPI

from .settings import ServiceSettings


def serve(app: FastAPI, settings: ServiceSettings) -> None:
    uvicorn.run(app, host=settings.http_host, port=settings.http_port, log_config=None,
                access_log=False, timeout_graceful_shutdown=5)
