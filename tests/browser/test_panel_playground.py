"""Playground in JupyterLab, on a notebook written for this test: play and pause, clicks and
shift-clicks that add points (and erase), a CSV upload through the file chooser, a bad CSV's
message, the CSV download, and a divergence that stops play with its message."""

from __future__ import annotations

import base64
import re
import tempfile
from collections.abc import Iterator
from pathlib import Path

import nbformat
import pytest
from labdriver import LabServer, open_notebook, run_all
from panel_moves import picture_state, screenshot, wait_for_new_picture, wait_kernel_idle
from playwright.sync_api import Browser, Locator, Page, expect

from nnlib.plots import payload
from nnlib.widgets import Playground  # noqa: F401 (eval builds the notebook's panel)
from nnlib.widgets.playground_data import parse_csv

CALM = 'Playground(dataset="moons", hidden="4,4", seed=0)'
WILD = 'Playground(dataset="spirals", hidden="8,8", lr=31.6, seed=0)'
COUNT = re.compile(r"download the (\d+) points")
STEP = re.compile(r"^step (\d+) · ")


@pytest.fixture(scope="module")
def page(browser: Browser) -> Iterator[Page]:
    folder = Path(tempfile.mkdtemp(prefix="nnlib-playground-"))
    notebook = nbformat.v4.new_notebook()
    notebook.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3",
                                       "language": "python"}  # fmt: skip
    notebook.cells = [
        nbformat.v4.new_code_cell(f"from nnlib.widgets import Playground\ncalm = {CALM}\ncalm"),
        nbformat.v4.new_code_cell(f"wild = {WILD}\nwild"),
    ]
    nbformat.write(notebook, folder / "playground_test.ipynb")
    server = LabServer({"pg": folder}).start()
    context = browser.new_context(viewport={"width": 1280, "height": 1000}, accept_downloads=True)
    context.set_default_timeout(30_000)
    try:
        tab = context.new_page()
        open_notebook(tab, server, "pg/playground_test.ipynb")
        run_all(tab)
        yield tab
    finally:
        context.close()
        server.stop()


def playground(page: Page, index: int) -> Locator:
    panel = page.locator(".nnlib-panel").filter(has=page.locator(".nnlib-canvas")).nth(index)
    panel.scroll_into_view_if_needed()
    return panel


def count(panel: Locator) -> int:
    match = COUNT.search(panel.locator(".nnlib-download-link").inner_text())
    assert match, panel.locator(".nnlib-download-link").inner_text()
    return int(match.group(1))


def steps(panel: Locator) -> int:
    match = STEP.search(panel.locator(".nnlib-readout").inner_text())
    assert match, panel.locator(".nnlib-readout").inner_text()
    return int(match.group(1))


def play_for(panel: Locator, ms: float) -> None:
    buttons = panel.locator(".widget-play button")
    buttons.nth(0).click()
    panel.page.wait_for_timeout(ms)
    buttons.nth(1).click()
    wait_kernel_idle(panel.page)


def test_play_trains_and_redraws(page: Page) -> None:
    panel = playground(page, 0)
    expect(panel.locator(".nnlib-readout")).to_contain_text("step 0 · training loss")
    before, label = picture_state(panel), panel.locator(".nnlib-canvas").get_attribute("aria-label")
    play_for(panel, 2000)
    wait_for_new_picture(panel, before)
    assert steps(panel) >= 10 and steps(panel) % 10 == 0
    assert panel.locator(".nnlib-canvas").get_attribute("aria-label") != label
    screenshot(panel, "playground-after-play")


def test_clicks_on_the_decision_region_add_points(page: Page) -> None:
    panel = playground(page, 0)
    left, top, width, height = payload.geometry(eval(CALM).figure)["axes"][1]["box"]
    canvas = panel.locator(".nnlib-canvas")
    points = count(panel)
    before = picture_state(panel)
    canvas.click(position={"x": left + 0.2 * width, "y": top + 0.2 * height})
    wait_for_new_picture(panel, before)
    expect(panel.locator(".nnlib-download-link")).to_contain_text(f"the {points + 1} points")
    canvas.click(position={"x": left + 0.8 * width, "y": top + 0.8 * height}, modifiers=["Shift"])
    expect(panel.locator(".nnlib-download-link")).to_contain_text(f"the {points + 2} points")
    panel.get_by_role("button", name="erase", exact=True).click()
    canvas.click(position={"x": left + 0.2 * width, "y": top + 0.2 * height})
    expect(panel.locator(".nnlib-download-link")).to_contain_text(f"the {points + 1} points")
    panel.get_by_role("button", name="add", exact=True).click()
    wait_kernel_idle(page)


def upload(panel: Locator, name: str, text: str) -> None:
    # ipywidgets' FileUpload keeps its <input type=file> out of the page: its button opens the
    # file chooser, which Playwright answers.
    with panel.page.expect_file_chooser() as chooser:
        panel.locator(".widget-upload").click()
    chooser.value.set_files(files=[{"name": name, "mimeType": "text/csv", "buffer": text.encode()}])


def test_a_csv_upload_replaces_the_points_and_downloads_again(page: Page) -> None:
    panel = playground(page, 0)
    text = "x1,x2,label\n0,0,0\n1,1,1\n2,2,1\n-1,-1,0\n-2,1,0\n"
    upload(panel, "mine.csv", text)
    expect(panel.locator(".nnlib-status")).to_have_text("Loaded 5 points from mine.csv.")
    expect(panel.locator(".nnlib-download-link")).to_contain_text("the 5 points")
    href = panel.locator(".nnlib-download-link a").get_attribute("href") or ""
    shown = base64.b64decode(href.removeprefix("data:text/csv;base64,")).decode()
    with page.expect_download() as download:
        panel.locator(".nnlib-download-link a").click()
    saved = Path(download.value.path()).read_text()
    assert saved == shown and download.value.suggested_filename == "points.csv"
    X, y = parse_csv(saved)
    ours = sorted(zip(X[:, 0], X[:, 1], y[:, 0], strict=True))
    X0, y0 = parse_csv(text)
    assert ours == sorted(zip(X0[:, 0], X0[:, 1], y0[:, 0], strict=True))


def test_a_bad_csv_shows_its_message_and_keeps_the_points(page: Page) -> None:
    panel = playground(page, 0)
    points = count(panel)
    upload(panel, "bad.csv", "x1,x2,label\n0,0,0\n1,1,2\n")
    status = panel.locator(".nnlib-status")
    expect(status).to_contain_text("File refused.")
    expect(status).to_contain_text("Line 3: label is 2, but labels must be 0 or 1")
    assert count(panel) == points
    upload(panel, "cols.csv", "a,b\n1,2\n")
    expect(status).to_contain_text("Line 1 (the header) must name the columns x1, x2, label")
    assert count(panel) == points
    screenshot(panel, "playground-bad-csv")


def test_divergence_stops_play_and_says_what_to_do(page: Page) -> None:
    panel = playground(page, 1)
    panel.locator(".widget-play button").nth(0).click()
    status = panel.locator(".nnlib-status")
    expect(status).to_contain_text("Training diverged at step", timeout=30_000)
    expect(status).to_contain_text(re.compile(r"Lower it to [0-9.]+ and press reset"))
    wait_kernel_idle(page)
    label = panel.locator(".nnlib-canvas").get_attribute("aria-label") or ""
    assert "Training diverged at step" in label
    shown = panel.locator(".nnlib-readout").inner_text()
    page.wait_for_timeout(1500)  # play has stopped: nothing more arrives
    assert panel.locator(".nnlib-readout").inner_text() == shown
    screenshot(panel, "playground-diverged")
