"""Jinja2 templates with the shared layout first in the search path of every service."""

from __future__ import annotations

from pathlib import Path

from fastapi import Request
from fastapi.templating import Jinja2Templates
from jinja2 import ChoiceLoader, Environment, FileSystemLoader, select_autoescape

from ..england_time import england_date, england_time
from .names import FILTERS

SHARED_TEMPLATES = Path(__file__).parent / "templates"


def page_templates(service_templates: Path | None = None) -> Jinja2Templates:
    folders = [str(p) for p in (service_templates, SHARED_TEMPLATES) if p]
    env = Environment(loader=ChoiceLoader([FileSystemLoader(f) for f in folders]),
                      autoescape=select_autoescape(["html"]))
    env.filters.update(FILTERS)  # person, people, team: names from the directory (names.py)
    # Every moment a page shows is in England's time, labelled GMT or BST (england_time.py).
    env.filters.update(local_time=england_time, local_date=england_date)
    return Jinja2Templates(env=env)


def wants_html(request: Request) -> bool:
    return "text/html" in request.headers.get("accept", "")
