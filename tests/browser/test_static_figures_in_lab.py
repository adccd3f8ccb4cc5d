"""After Run All in JupyterLab, every still figure is shown at its CSS size from a 2x picture.

JupyterLab shrinks a picture wider than its output column, which would make the text smaller
than the figure was drawn for; a picture without a CSS size shows at 1 CSS px per pixel, blurred
on a HiDPI screen. Each figure is also saved to results/browser/ to be looked at.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from labdriver import NOTEBOOKS, RunResult

PRESENT = sorted(path.stem for path in NOTEBOOKS.glob("*.ipynb"))
RESULTS = Path(__file__).resolve().parents[2] / "results" / "browser"
WIDGET = "application/vnd.jupyter.widget-view+json"


def still_pictures(name: str) -> int:
    """How many still pictures the committed notebook shows (a panel's picture is its fallback)."""
    cells = json.loads((NOTEBOOKS / f"{name}.ipynb").read_text(encoding="utf-8"))["cells"]
    outputs = [o.get("data", {}) for cell in cells for o in cell.get("outputs", [])]
    return sum("image/png" in data and WIDGET not in data for data in outputs)


@pytest.mark.parametrize("name", PRESENT)
def test_every_figure_is_shown_at_its_css_size_and_drawn_at_2x(
    run_notebook: Callable[[str], RunResult], name: str
) -> None:
    page = run_notebook(f"{name}.ipynb").page
    pictures = page.locator(".jp-OutputArea-output.jp-RenderedImage img")
    shown = pictures.evaluate_all(
        """imgs => imgs.map(i => ({
            css: Number(i.getAttribute('width')),
            width: i.getBoundingClientRect().width,
            pixels: i.naturalWidth,
        }))"""
    )
    assert len(shown) == still_pictures(name), shown
    problems = [
        f"figure {k}: {s}"
        for k, s in enumerate(shown)
        if not s["css"] or abs(s["width"] - s["css"]) > 0.5 or s["pixels"] != 2 * s["css"]
    ]
    assert not problems, "\n".join(problems)
    RESULTS.mkdir(parents=True, exist_ok=True)
    for k in range(len(shown)):
        pictures.nth(k).scroll_into_view_if_needed()
        pictures.nth(k).screenshot(path=str(RESULTS / f"lab-figure-{name[:2]}-{k}.png"))
