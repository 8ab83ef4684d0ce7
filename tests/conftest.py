"""Layers are folders: unit, component, integration, e2e, resilience, browser. Each test is
marked with its folder's name, so `pytest -m unit` runs one layer alone."""

from __future__ import annotations

from pathlib import Path

import pytest

LAYERS = {"unit", "component", "integration", "e2e", "resilience", "browser"}


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers", "runs_last: checks what the whole run left behind; ordered after the rest")


def pytest_sessionstart(session: pytest.Session) -> None:
    from tests.support.leak_scan import remember_log_sizes

    remember_log_sizes()  # the leak scan reads only what this run writes


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    root = Path(__file__).parent
    for item in items:
        layer = item.path.relative_to(root).parts[0]  # tests/<layer>/[<service>/]test_x.py
        if layer in LAYERS:
            item.add_marker(getattr(pytest.mark, layer))
    # Checks of what the whole run left behind go after everything else (a stable sort).
    items.sort(key=lambda item: item.get_closest_marker("runs_last") is not None)


@pytest.fixture(scope="session")
def services():
    """All four services as separate processes on the test broker and store."""
    import os
    from pathlib import Path

    from services.launcher import ServiceProcesses

    root = Path(__file__).resolve().parent.parent
    port_base = int(os.environ.get("QA_PORT_BASE", "28100"))
    processes = ServiceProcesses(port_base=port_base, log_dir=root / "var" / f"test-logs-{port_base}")
    processes.start()
    try:
        processes.wait_ready()
        yield processes
        _scan_for_leaks(processes)
    finally:
        processes.stop()


def _scan_for_leaks(processes) -> None:
    """The leak scan (logs, metrics, dead letters) while the services still answer, unless
    the runs_last test already ran it: a session that ran only some layers is checked too."""
    import asyncio

    from tests.support import leak_scan

    if leak_scan.checked_this_session or not processes.processes:
        return
    found, read = asyncio.run(leak_scan.leaks(
        {name: processes.url(name) for name in processes.processes}))
    print(f"\nleak scan at the end of the session: {read}")
    assert not found, f"test personal data found where it must never be: {found}"


@pytest.fixture
async def http():
    import httpx

    async with httpx.AsyncClient(timeout=30) as client:
        yield client
