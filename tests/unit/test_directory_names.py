"""Pages show names from the directory (JSON callers get ids), and a store that cannot be
reached leaves ids on the page instead of a 500."""

from __future__ import annotations

import pytest
from fastapi import FastAPI
from fastapi.responses import PlainTextResponse
from fastapi.testclient import TestClient
from pymongo.errors import ServerSelectionTimeoutError

from shared.web.names import DirectoryNames, person, show_names

pytestmark = pytest.mark.unit
HTML = {"Accept": "text/html"}


def app_with(load) -> TestClient:
    app = FastAPI()
    show_names(app, load)

    @app.get("/page", response_class=PlainTextResponse)
    async def page() -> str:
        return str(person("sw-001"))

    return TestClient(app)


def test_a_page_shows_the_name_and_a_json_caller_the_id():
    async def load() -> DirectoryNames:
        return DirectoryNames(people={"sw-001": "Test Worker"})

    client = app_with(load)
    assert client.get("/page", headers=HTML).text == "Test Worker"
    assert client.get("/page").text == "sw-001"


def test_an_unreachable_store_leaves_ids_on_the_page():
    async def load() -> DirectoryNames:
        raise ServerSelectionTimeoutError("synthetic: the store is down")

    response = app_with(load).get("/page", headers=HTML)
    assert (response.status_code, response.text) == (200, "sw-001")
