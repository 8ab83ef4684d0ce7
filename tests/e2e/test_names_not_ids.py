"""Names instead of ids (issue 11): with a small demo year loaded through the public APIs,
every page each role can open, on every service, shows the people and teams the directory
knows by name. An id inside a URL or an attribute is fine; as text it is not. The drill-down
exports carry each name beside its id."""

from __future__ import annotations

import csv
import html
import io
import re

import openpyxl
import pytest

from services.reporting.domain.names import LISTS
from services.reporting.domain.periods import shift
from shared.envelope import utc_now
from tests.support.auth import bearer
from tests.support.demo import run_demo, small_directory
from tests.support.demo_pages import demo_pages, demo_reported, person_for
from tests.support.factories import feedback_item, uid
from tests.support.waiting import eventually

TAG = re.compile(r"<(script|style)\b.*?</\1>|<[^>]*>", re.S)


def text_of(page: str) -> str:
    """What a reader sees: the page without its tags, attributes, scripts and styles."""
    return html.unescape(TAG.sub(" ", page))


def raw_ids(page: str, named: dict[str, str]) -> list[str]:
    text = text_of(page)
    return sorted(i for i in named if re.search(rf"(?<![\w-]){re.escape(i)}(?![\w-])", text))


def test_raw_ids_are_found_in_text_only():
    named = {"demo-tm-01": "Demo Manager 01"}
    assert raw_ids('<a href="/p/demo-tm-01" data-id="demo-tm-01">Demo Manager 01</a>',
                   named) == []
    assert raw_ids("<td>demo-tm-01</td>", named) == ["demo-tm-01"]
    assert raw_ids("<td>demo-tm-011</td>", named) == []


@pytest.mark.timeout(420)
async def test_no_page_shows_a_raw_id_where_the_directory_has_a_name(services, http):
    prefix = uid("names")
    await run_demo(services, prefix)
    named = small_directory(prefix)
    month = await demo_reported(services, http, prefix)
    shown: list[str] = []
    opened = 0
    for demo_page in await demo_pages(services, http, prefix, month):
        service, path, roles = demo_page.service, demo_page.path, demo_page.roles
        # Every home page as every role; any other page as each role that may open it,
        # up to three (the pages differ by role in what they offer, not in whom they name).
        for role in sorted(roles) if path == "/" else sorted(roles)[:3]:
            answer = await http.get(services.url(service) + path,
                                    headers=bearer(role, sub=person_for(role))
                                    | {"Accept": "text/html"})
            if not answer.headers.get("content-type", "").startswith("text/html"):
                continue
            opened += 1
            page = answer.text
            ids = raw_ids(page, named)
            if ids:
                shown.append(f"{service} {path} as {role}: {', '.join(ids)}")
    assert opened > 50, opened
    assert not shown, "pages showing ids the directory names:\n" + "\n".join(shown)


ID_COLUMNS = {"team_id": "team_name", "auditor_ids": "auditor_names",
              **{f"{p}_id": f"{p}_name" for p in ("auditor", "moderator", "social_worker",
                                                  "line_manager", "owner", "observer",
                                                  "worker", "head_of_service")}}


def unnamed_cells(columns: list[str], rows: list[list[str]], named: dict[str, str]) -> list[str]:
    """Each person or team id the directory names whose name column, right after it, does
    not name it ('auditor_ids' cells are lists: 'a, b')."""
    wrong = []
    for at, column in enumerate(columns):
        if column not in ID_COLUMNS:
            continue
        if at + 1 >= len(columns) or columns[at + 1] != ID_COLUMNS[column]:
            wrong.append(f"{column} has no {ID_COLUMNS[column]} beside it")
            continue
        for row in rows:
            ids, names = str(row[at] or "").split(", "), str(row[at + 1] or "").split(", ")
            wrong += [f"{column}={i}: {n!r}" for i, n in zip(ids, names)
                      if i in named and n != named[i]]
    return wrong


def csv_table(body: bytes) -> tuple[list[str], list[list[str]]]:
    columns, *rows = list(csv.reader(io.StringIO(body.decode("utf-8-sig"))))
    return columns, rows


def xlsx_table(body: bytes) -> tuple[list[str], list[list[str]]]:
    sheet = openpyxl.load_workbook(io.BytesIO(body), read_only=True).active
    columns, *rows = [list(r) for r in sheet.iter_rows(values_only=True)]
    return [str(c) for c in columns], rows


@pytest.mark.timeout(420)
async def test_exports_and_feedback_pages_name_people_and_teams(services, http):
    """The drill-down exports (CSV and Excel) carry each person's and team's name beside the
    id; feedback ingestion's pages, a Safety Link statement among them, name the signed-in
    person and the child's team."""
    prefix = uid("names")
    await run_demo(services, prefix)
    named = small_directory(prefix)
    month = shift(utc_now().strftime("%Y-%m"), -1)
    reporting, feedback = services.url("reporting"), services.url("feedback_ingestion")
    as_manager = bearer("team_manager", sub="demo-tm-01", team=f"{prefix}-01")

    async def named_everywhere():
        audits = await http.get(f"{reporting}/reports/facts/audits", headers=bearer("director"),
                                params={"month": month})
        home = await http.get(f"{feedback}/", headers=as_manager | {"Accept": "text/html"})
        return (any(a["team_id"].startswith(prefix) for a in audits.json())
                and "Demo Manager 01" in home.text)

    await eventually(named_everywhere, what="the demo in reporting and feedback ingestion's "
                     "directory", timeout=120)
    checked, wrong = 0, []
    for kind in LISTS:
        for fmt, table in (("csv", csv_table), ("xlsx", xlsx_table)):
            answer = await http.get(f"{reporting}/reports/facts/{kind}",
                                    params={"month": month, "from_month": shift(month, -1),
                                            "fmt": fmt}, headers=bearer("director"))
            assert answer.status_code == 200, (kind, fmt, answer.text[:300])
            columns, rows = table(answer.content)
            checked += sum(1 for c in columns if c in ID_COLUMNS) * len(rows)
            wrong += [f"{kind}.{fmt} {w}" for w in unnamed_cells(columns, rows, named)]
            if kind == "audits":
                team_names = {r[columns.index("team_name")] for r in rows}
                assert team_names & set(named.values()), (fmt, team_names)
    assert checked > 50, checked
    assert not wrong, "export cells without the directory's name:\n" + "\n".join(wrong)

    item = feedback_item(source="momo", team_id=f"{prefix}-01", case_ref="FICTIONAL-CASE-0099",
                         safety_link=True, text="Synthetic: I feel unsafe (fictional).")
    received = await http.post(f"{feedback}/feedback/items", json=item,
                               headers=bearer("integration"))
    assert received.status_code == 201, received.text
    statement = await http.get(f"{feedback}/statements/{received.json()['item_id']}",
                               headers=as_manager | {"Accept": "text/html"})
    assert statement.status_code == 200, statement.text[:300]
    assert named[f"{prefix}-01"] in text_of(statement.text)
    for page in (statement, await http.get(f"{feedback}/", headers=as_manager | {
            "Accept": "text/html"})):
        assert "Signed in as Demo Manager 01" in text_of(page.text)
        assert raw_ids(page.text, named) == []
