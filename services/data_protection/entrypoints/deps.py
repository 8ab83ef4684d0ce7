"""The one way a route reaches the service: `deps: Deps = Depends(get_deps)`, typed, built
by bootstrap.py."""

from __future__ import annotations

from fastapi import Request

from ..application.deps import Deps


def get_deps(request: Request) -> Deps:
    return request.app.state.deps
