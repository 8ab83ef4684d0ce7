"""Nobody can edit the access log: every data protection route on it answers GET only, its
store offers no update or delete, and the projection of qa.access is the one writer. The
routes that show a child's audit declare that they read personal data."""

from __future__ import annotations

import inspect
import re
from pathlib import Path

from fastapi.routing import APIRoute

from services.data_protection.adapters.access_log import ACCESS_LOG, AccessLogStore
from services.data_protection.domain.access_log import AccessSearch, SearchRefused, as_csv
from shared.personal_data.access_log import declares_reads
from tests.support.routes import _api_routes, build_app, routes_of

import pytest

ROOT = Path(__file__).resolve().parents[3]


def test_every_route_on_the_access_log_is_a_get():
    on_the_log = [r for r in routes_of("data_protection") if "access-log" in r.path]
    assert {r.path for r in on_the_log} >= {"/access-log", "/access-log/search"}
    assert {r.method for r in on_the_log} == {"GET"}
    assert all(r.roles == {"data_protection_officer"} for r in on_the_log)


def test_the_store_only_appends_and_searches():
    public = {name for name, _ in inspect.getmembers(AccessLogStore, inspect.isfunction)
              if not name.startswith("_")}
    assert public == {"append", "search"}


def test_only_the_projection_writes_the_collection():
    sources = [p for p in (ROOT / "services").rglob("*.py")] + list((ROOT / "shared").rglob("*.py"))
    naming = [p.relative_to(ROOT).as_posix() for p in sources
              if re.search(rf"ACCESS_LOG\b|\[\"{ACCESS_LOG}\"\]|'{ACCESS_LOG}'", p.read_text())]
    # the projection's adapter, and the retention schedule's `logs` rule, which deletes
    # entries once their period is over (the one change any entry ever sees)
    assert sorted(naming) == ["services/data_protection/adapters/access_log.py",
                      "services/data_protection/adapters/retained_collections.py"]
    appending = [p.relative_to(ROOT).as_posix() for p in sources
                 if "access_log.append(" in p.read_text()]
    assert appending == ["services/data_protection/application/access_log.py"]


def test_the_audit_page_and_api_declare_their_reads():
    declared = {path for path, route in _api_routes(build_app("audit_capture"))
                if isinstance(route, APIRoute) and declares_reads(route)}
    assert {"/audits/{audit_id}/view", "/audits/{audit_id}", "/audits"} <= declared


def test_a_search_naming_nobody_is_refused_in_words():
    with pytest.raises(SearchRefused, match="case reference"):
        AccessSearch(reader="  ").check()
    with pytest.raises(SearchRefused, match="not both"):
        AccessSearch(child="TEST-CASE-1", staff="sw-1").check()
    assert AccessSearch(child=" TEST-CASE-1 ").subject() == ("child", "TEST-CASE-1")


def test_the_export_is_safe_to_open_in_a_spreadsheet():
    text = as_csv([{"reader_id": "=HYPERLINK(1)", "reader_roles": ["auditor", "moderator"],
                    "purpose": None}])
    header, row = text.splitlines()
    assert header.startswith("read_at,reader_id,reader_roles")
    assert "'=HYPERLINK(1)" in row and "auditor moderator" in row
