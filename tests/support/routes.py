"""Every route a service serves, with the roles it declares (read from its `allow(...)`
dependencies), found by building the service's app without starting it."""

from __future__ import annotations

import importlib
import re
from collections.abc import Iterator
from dataclasses import dataclass

from fastapi import FastAPI
from fastapi.routing import APIRoute

# Answer without a token by design: health, and signing in and out.
OPEN_PATHS = {"/healthz", "/readyz", "/metrics", "/login", "/logout", "/auth/login",
              "/auth/callback"}
# Authenticated by an HMAC signature instead of a token (shared/signatures.py).
SIGNED_PATHS = {"/feedback/webhooks/{source}"}
# Values for path parameters: well-formed, naming nothing that exists.
PATH_VALUES = {"month": "2199-12", "fmt": "csv", "quarter": "2199-Q4"}


@dataclass(frozen=True)
class RouteInfo:
    service: str
    method: str
    path: str
    roles: frozenset[str]

    @property
    def protected(self) -> bool:
        return self.path not in OPEN_PATHS

    def url_path(self) -> str:
        return re.sub(r"\{(\w+)(?::\w+)?\}",
                      lambda m: PATH_VALUES.get(m.group(1), "probe-0000"), self.path)


def build_app(service: str) -> FastAPI:
    return importlib.import_module(f"services.{service}.bootstrap").build_app()


def _api_routes(app: FastAPI) -> Iterator[tuple[str, APIRoute]]:
    """(full path, route), through FastAPI's included routers however they are kept."""
    for route in app.routes:
        if isinstance(route, APIRoute):
            yield route.path, route
        for context in getattr(route, "effective_route_contexts", lambda: [])():
            if isinstance(context.original_route, APIRoute):
                yield context.path, context.original_route


def _declared_roles(dependant) -> frozenset[str]:
    found: set[str] = set()
    for dependency in dependant.dependencies:
        found |= getattr(dependency.call, "allowed_roles", set())
        found |= _declared_roles(dependency)
    return frozenset(found)


def routes_of(service: str) -> list[RouteInfo]:
    found = {RouteInfo(service, method, path, _declared_roles(route.dependant))
             for path, route in _api_routes(build_app(service))
             for method in route.methods if method != "HEAD"}
    return sorted(found, key=lambda r: (r.path, r.method))
