"""Where alerts may be sent: only to HTTPS addresses in production (bodies are signed, but
their content still travels)."""

from __future__ import annotations


def address_problem(scheme: str, environment: str) -> str | None:
    if environment == "production" and scheme != "https":
        return "must be an https address in production"
    return None
