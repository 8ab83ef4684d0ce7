"""Server-rendered pages: one layout for every service, and development login."""

from .pages import page_templates, wants_html

__all__ = ["page_templates", "wants_html"]
