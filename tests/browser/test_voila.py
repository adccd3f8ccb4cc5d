"""The panels in Voilà: a notebook served as a plain page, no JupyterLab around it.

Voilà runs on 127.0.0.1 at a random port with a random token and temporary Jupyter directories.
It serves a small notebook written for the test, with one of each panel, and a copy of the
series' own notebooks/ folder (what `make app` serves) opened at notebook 02, as a learner meets it:
its diagrams and pictures must load and its first panel must answer a slider. Each panel must
draw, and a slider moved by keyboard must change its picture; a panel with a canvas must also
load its background and change its aria-label. Afterwards no process of the server or its kernel
may be left.
"""

from __future__ import annotations

import sys
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import nbformat
import pytest
from labdriver import LabServer, processes_naming
from panel_moves import move_slider, panel_with, picture_state
from playwright.sync_api import Browser, Locator, Page, expect

PANELS = {
    # the labels that find each panel in the page: a slider label, the output readout
    "ActivationExplorer": ("from nnlib.widgets import ActivationExplorer",
                           'ActivationExplorer("sigmoid", z=1.0)', ("leaky slope",), "z"),
    "NeuronExplorer": ("from nnlib import Neuron\nfrom nnlib.widgets import NeuronExplorer",
                       'NeuronExplorer(Neuron([1.0, -1.0], 0.0, "sigmoid"), x=[0.5, 1.0])',
                       ("w1", "x2"), "x1"),
}  # fmt: skip


class VoilaServer(LabServer):
    """Voilà serving one notebook of the temporary site; stopped by signal, kernels by name."""

    def __init__(self, folder: Path, notebook: str) -> None:
        super().__init__({"site": folder})
        self.notebook = notebook

    def command(self) -> list[str]:
        return [
            sys.executable, "-m", "voila", "--no-browser", f"--port={self.port}",
            "--Voila.ip=127.0.0.1", "--Voila.port_retries=0", f"--Voila.token={self.token}",
            # Voilà keeps connection files under /tmp unless told: keep them in our runtime dir.
            f"--Voila.connection_dir_root={Path(self.base, 'jupyter_runtime_dir')}",
            str(self.root / "site" / self.notebook),
        ]  # fmt: skip

    def page_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/?token={self.token}"

    def ready(self) -> None:
        # Only the static files: the page itself would start a kernel.
        url = f"http://127.0.0.1:{self.port}/voila/static/voila.js"
        with urllib.request.urlopen(url, timeout=10):
            pass


def write_notebook(folder: Path) -> str:
    cells = [nbformat.v4.new_code_cell(f"{imports}\n\n{call}") for imports, call, *_ in
             PANELS.values()]  # fmt: skip
    notebook = nbformat.v4.new_notebook(cells=cells)
    notebook.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3",
                                       "language": "python"}  # fmt: skip
    nbformat.write(notebook, folder / "panels.ipynb")
    return "panels.ipynb"


SERIES = Path(__file__).resolve().parents[2] / "notebooks"


@pytest.fixture(scope="module")
def voila_page(browser: Browser, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Page]:
    folder = tmp_path_factory.mktemp("voila-site")
    yield from served(browser, VoilaServer(folder, write_notebook(folder)))


@pytest.fixture(scope="module")
def series_page(browser: Browser) -> Iterator[Page]:
    yield from served(browser, VoilaServer(SERIES, "02_single_neuron.ipynb"))


def served(browser: Browser, voila: VoilaServer) -> Iterator[Page]:
    server = voila.start()
    context = browser.new_context(viewport={"width": 1100, "height": 1000})
    context.set_default_timeout(90_000)
    try:
        page = context.new_page()
        page.goto(server.page_url())
        yield page
    finally:
        context.close()
        server.stop()
        left = processes_naming(server.base)
        assert not left, f"Voilà left processes behind: {left}"


def painted_canvas(panel: Locator) -> Locator:
    canvas = panel.locator(".nnlib-canvas")
    expect(canvas).to_have_attribute("role", "img")
    panel.page.wait_for_function(
        """(root) => {
            const img = root.querySelector('img');
            return Number(root.dataset.painted) > 0 && img && img.complete && img.naturalWidth > 0;
        }""",
        arg=canvas.element_handle(),
    )
    return canvas


@pytest.mark.parametrize("name", list(PANELS))
def test_panel_renders_and_answers_the_keyboard_in_voila(voila_page: Page, name: str) -> None:
    _, _, labels, slider_name = PANELS[name]
    check_panel(panel_with(voila_page, *labels).first, slider_name, f"voila-{name}.png")


def test_voila_renders_the_real_notebook_02_and_its_panel_answers_a_slider(
    series_page: Page,
) -> None:
    expect(series_page.get_by_role("heading", name="One neuron, live")).to_be_visible()
    panels = panel_with(series_page, "w1", "x2")
    expect(panels).to_have_count(2)  # the two-input explorer and the three-input one
    check_panel(panels.first, "x1", "voila-02_single_neuron.png")
    images = series_page.locator("img")  # the diagrams, the figures and the panels' pictures
    assert images.count() >= 5
    broken = series_page.evaluate(
        "() => [...document.images].filter(i => !i.complete || i.naturalWidth === 0)"
        ".map(i => i.alt || i.src.slice(0, 60))"
    )
    assert not broken, f"images that did not load in Voilà: {broken}"


def check_panel(panel: Locator, slider_name: str, screenshot: str) -> None:
    panel.wait_for()
    panel.scroll_into_view_if_needed()
    output = panel.locator(".nnlib-output")
    text_before = output.inner_text()
    if panel.locator(".nnlib-canvas").count():
        canvas = painted_canvas(panel)
        width = canvas.evaluate("c => c.querySelector('img').naturalWidth")
        css_width = canvas.evaluate("c => c.getBoundingClientRect().width")
        assert width == 2 * round(css_width), (width, css_width)  # the 2x background
        label_before = canvas.get_attribute("aria-label")
        paints_before = picture_state(panel)
        move_slider(panel, slider_name, 0.05, presses=2)
        assert picture_state(panel) != paints_before
        expect(canvas).not_to_have_attribute("aria-label", label_before or "")
    else:  # not yet moved to LivePanel: a PNG in an <img>
        expect(panel.locator("img").first).to_be_visible()
        move_slider(panel, slider_name, 0.05, presses=2)
    expect(output).not_to_have_text(text_before)
    target = Path(__file__).resolve().parents[2] / "results" / "browser" / screenshot
    target.parent.mkdir(parents=True, exist_ok=True)
    panel.screenshot(path=str(target))
