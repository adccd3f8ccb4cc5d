"""Where widgets cannot run (GitHub, nbviewer, nbconvert's HTML), every live panel in a committed
notebook still shows a picture: the image/png snapshot its output carries beside the widget view.

NNLIB_NOTEBOOKS=<folder> checks the notebooks of another folder (e.g. a freshly executed copy).
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Any

import nbformat
import pytest
from nbconvert import HTMLExporter

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = Path(os.environ.get("NNLIB_NOTEBOOKS", ROOT / "notebooks"))
WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"
PANEL_REPR = ": a live panel."
IMG_SRC = re.compile(r'<img\s[^>]*src="data:image/png;base64,([^"]+)"')


def panel_outputs(notebook: Any) -> list[tuple[int, dict[str, Any]]]:
    """(cell number counted from 1 over all cells, output data) of every live panel's output."""
    found = []
    for number, cell in enumerate(notebook.cells, start=1):
        for output in cell.get("outputs", []) if cell.cell_type == "code" else []:
            data = output.get("data", {})
            if WIDGET_VIEW in data and PANEL_REPR in data.get("text/plain", ""):
                found.append((number, data))
    return found


def _compact(base64_png: str | list[str]) -> str:
    text = "".join(base64_png) if isinstance(base64_png, list) else base64_png
    return re.sub(r"\s", "", text)


@pytest.mark.parametrize("path", sorted(NOTEBOOKS.glob("*.ipynb")), ids=lambda p: p.name)
def test_every_panel_output_shows_a_picture_in_nbconvert_html(path: Path) -> None:
    notebook = nbformat.read(path, as_version=4)
    panels = panel_outputs(notebook)
    missing = [
        f"{path.name}, cell {number}: the panel's output has no image/png, only "
        f"{sorted(data)}; re-execute the notebook (make notebooks) with a panel on LivePanel"
        for number, data in panels
        if "image/png" not in data
    ]
    assert not missing, "\n".join(missing)

    html, _ = HTMLExporter().from_notebook_node(notebook)
    shown = {_compact(src) for src in IMG_SRC.findall(html)}
    unseen = [
        f"{path.name}, cell {number}: its image/png is not an <img> in nbconvert's HTML"
        for number, data in panels
        if _compact(data["image/png"]) not in shown
    ]
    assert not unseen, "\n".join(unseen)
    pictures = sum(_compact(data["image/png"]) in shown for _, data in panels)
    assert pictures == len(panels), (path.name, pictures, len(panels))
