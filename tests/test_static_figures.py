"""Every picture a notebook shows is drawn for the size it is shown at: 2x, text ≥ 10 CSS px.

Two views of the same promise. The committed outputs: every image/png carries its CSS size, the
PNG is exactly twice that, and no picture is wider than JupyterLab's output column. The figures
themselves: each notebook's code runs in this process, and every matplotlib Figure that a cell
shows (its last expression) is measured: each visible text's size in CSS px on the page, font
points × CSS_DPI / 72, must be at least 10.
"""

from __future__ import annotations

import ast
import base64
import io
from typing import Any

import pytest
from IPython.core.interactiveshell import InteractiveShell
from IPython.core.pylabtools import select_figure_formats
from IPython.utils.capture import capture_output
from matplotlib.figure import Figure
from matplotlib.text import Text
from PIL import Image
from test_notebooks import PRESENT, load, source

from nnlib.images import DIAGRAMS
from nnlib.plots import draw_activation_gallery, new_figure, payload
from nnlib.plots.static import MAX_CSS_WIDTH, MIN_FONT_CSS_PX, StaticFigure


def png_size(encoded: str | list[str]) -> tuple[int, int]:
    text = encoded if isinstance(encoded, str) else "".join(encoded)
    with Image.open(io.BytesIO(base64.b64decode(text))) as picture:
        return picture.size


def picture_problems(output: dict[str, Any]) -> list[str]:
    """What is wrong with one output's image/png: missing CSS size, not 2x, or too wide."""
    if "image/png" not in output.get("data", {}):
        return []
    size = output.get("metadata", {}).get("image/png", {})
    width, height = png_size(output["data"]["image/png"])
    if "width" not in size or "height" not in size:
        return [f"a {width}x{height} PNG with no CSS size: shown at 1x, blurred on HiDPI"]
    problems = []
    if (width, height) != (2 * size["width"], 2 * size["height"]):
        problems.append(f"PNG {width}x{height} is not 2x its CSS {size['width']}x{size['height']}")
    if size["width"] > MAX_CSS_WIDTH:
        problems.append(f"{size['width']} CSS px wide, over {MAX_CSS_WIDTH}: JupyterLab shrinks it")
    return problems


@pytest.mark.parametrize("name", PRESENT)
def test_every_committed_picture_is_2x_its_css_size(name: str) -> None:
    problems = [
        f"cell {index}: {problem}"
        for index, cell in enumerate(load(name)["cells"])
        for output in cell.get("outputs", [])
        for problem in picture_problems(output)
    ]
    assert not problems, "\n".join(problems)


def shown_font_sizes(figure: Figure) -> dict[str, float]:
    """Each visible text of the drawn figure → its smallest size on the page, in CSS px."""
    figure.canvas.draw()  # tick labels exist only once the figure is drawn
    sizes: dict[str, float] = {}
    for text in figure.findobj(Text):
        words = text.get_text().strip()
        axes = text.axes
        if not words or not text.get_visible() or (axes is not None and not axes.get_visible()):
            continue
        px = float(text.get_fontsize()) * payload.PX_PER_POINT
        sizes[words] = min(px, sizes.get(words, px))
    return sizes


def figure_problems(figure: Figure) -> list[str]:
    if not isinstance(figure, StaticFigure):
        return ["a plain matplotlib Figure: IPython shows it at 1x, at the size its dpi makes"]
    small = {w: round(px, 1) for w, px in shown_font_sizes(figure).items() if px < MIN_FONT_CSS_PX}
    width, _ = payload.css_size(figure)
    problems = [f"text under {MIN_FONT_CSS_PX:g} CSS px: {small}"] if small else []
    if width > MAX_CSS_WIDTH:
        problems.append(f"{width} CSS px wide, over {MAX_CSS_WIDTH}")
    return problems


def shown_results(name: str) -> list[tuple[int, Any]]:
    """Run the notebook's code cells here; each cell's shown value (its last expression)."""
    namespace: dict[str, Any] = {"__name__": "__main__"}
    shown = []
    for index, cell in enumerate(load(name)["cells"]):
        if cell["cell_type"] != "code":
            continue
        lines = [ln for ln in source(cell).splitlines() if not ln.lstrip().startswith(("%", "!"))]
        tree = ast.parse("\n".join(lines))
        last = tree.body.pop() if tree.body and isinstance(tree.body[-1], ast.Expr) else None
        exec(compile(tree, f"<cell {index}>", "exec"), namespace)
        if last is not None:
            value = eval(compile(ast.Expression(last.value), f"<cell {index}>", "eval"), namespace)
            shown.append((index, value))
    return shown


@pytest.mark.parametrize("name", PRESENT)
def test_every_figure_a_notebook_shows_has_text_of_at_least_10_css_px(name: str) -> None:
    problems = [
        f"cell {index}: {problem}"
        for index, value in shown_results(name)
        if isinstance(value, Figure)
        for problem in figure_problems(value)
    ]
    assert not problems, "\n".join(problems)


def test_the_measure_catches_small_text_and_plain_figures() -> None:
    figure = new_figure(4.0, 3.0)
    ax = figure.add_subplot()
    ax.set_title("readable", fontsize=8)
    ax.set_xlabel("too small", fontsize=7)
    sizes = shown_font_sizes(figure)
    assert sizes["readable"] == pytest.approx(8 * 100 / 72)
    assert sizes["too small"] == pytest.approx(7 * 100 / 72)
    assert sizes["too small"] < MIN_FONT_CSS_PX
    assert figure_problems(figure) == ["text under 10 CSS px: {'too small': 9.7}"]
    assert figure_problems(Figure()) and "1x" in figure_problems(Figure())[0]


def test_a_static_figure_shows_as_2x_png_even_under_the_inline_backend() -> None:
    shell = InteractiveShell.instance()
    select_figure_formats(shell, {"png"})  # as `%matplotlib inline` does: a 1x printer for Figure
    figure, _ = draw_activation_gallery()
    plain = Figure(figsize=(2.0, 1.0), dpi=80)
    plain.add_subplot().plot([0, 1])
    shell.user_ns["figure"] = figure
    with capture_output() as shown:
        shell.run_cell("figure")
    (static,) = shown.outputs
    width, height = payload.css_size(figure)
    assert static.metadata == {"image/png": {"width": width, "height": height}}
    assert not picture_problems({"data": static.data, "metadata": static.metadata})
    data, metadata = shell.display_formatter.format(plain)  # what a plain Figure gets: 1x
    assert picture_problems({"data": data, "metadata": metadata})


SVG_PX_PER_POINT = 96 / 72  # a browser shows an SVG `w pt` wide at w · 96/72 CSS px


@pytest.mark.parametrize("filename", sorted(DIAGRAMS))
def test_every_diagram_is_drawn_for_the_size_it_is_shown_at(filename: str) -> None:
    figure = DIAGRAMS[filename]()
    width_px = figure.get_size_inches()[0] * 72 * SVG_PX_PER_POINT
    assert width_px <= MAX_CSS_WIDTH, f"{width_px:.0f} CSS px wide: JupyterLab shrinks it"
    sizes = shown_font_sizes(figure)  # in px at CSS_DPI; the SVG shows points at 96/72 px
    small = {w: round(px / payload.PX_PER_POINT * SVG_PX_PER_POINT, 1) for w, px in sizes.items()}
    small = {w: px for w, px in small.items() if px < MIN_FONT_CSS_PX}
    assert not small, f"text under {MIN_FONT_CSS_PX:g} CSS px: {small}"
