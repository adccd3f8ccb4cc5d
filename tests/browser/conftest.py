"""One JupyterLab server and one Chromium for the whole browser session; one page per notebook."""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from labdriver import (
    CHROMIUM,
    INSTALL_HINT,
    NOTEBOOKS,
    LabServer,
    RunResult,
    errors_shown,
    launch_args,
    open_notebook,
    run_all,
)
from playwright.sync_api import Browser

HERE = Path(__file__).resolve().parent


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if HERE in item.path.resolve().parents:
            item.add_marker(pytest.mark.browser)
    # The keyboard test moves controls on the shared notebook pages, so it runs after the
    # tests that check a panel's starting state there (a stable sort keeps the rest in order).
    items.sort(key=lambda item: item.path.name == "test_panel_accessibility.py")


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict[str, Any]) -> dict[str, Any]:
    if not CHROMIUM.exists():
        message = f"Chromium is missing ({CHROMIUM}): {INSTALL_HINT}, then run `make test` again"
        if os.environ.get("CI") == "true":
            pytest.fail(f"CI needs the browser tests to run. {message}", pytrace=False)
        pytest.skip(message)
    return {**browser_type_launch_args, **launch_args()}


@pytest.fixture(scope="session")
def lab_server() -> Iterator[LabServer]:
    server = LabServer({"notebooks": NOTEBOOKS}).start()
    started = time.perf_counter()
    yield server
    server.stop()
    print(f"\nbrowser session: JupyterLab was up for {time.perf_counter() - started:.1f} s")


@pytest.fixture(scope="session")
def run_notebook(browser: Browser, lab_server: LabServer) -> Iterator[Callable[[str], RunResult]]:
    """Open a notebook in its own page and Run All, once per session; later calls reuse it."""
    context = browser.new_context(viewport={"width": 1280, "height": 1000})
    context.set_default_timeout(30_000)
    results: dict[str, RunResult | Exception] = {}

    def run(name: str) -> RunResult:
        if name not in results:
            page = context.new_page()
            try:
                open_notebook(page, lab_server, f"notebooks/{name}")
                seconds = run_all(page)
                results[name] = RunResult(page, seconds, errors_shown(page))
            except Exception as error:  # every later test of this notebook reports it too
                results[name] = error
        result = results[name]
        if isinstance(result, Exception):
            raise result
        return result

    yield run
    context.close()
