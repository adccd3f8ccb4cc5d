"""Colour rules of the series: one palette module, a key on every map, marks that stand out in
normal and dichromatic vision, and diagram labels that fit and read."""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from colour_vision import VISIONS, contrast
from matplotlib import colormaps
from matplotlib.axes import Axes
from matplotlib.colors import CSS4_COLORS, to_rgba
from matplotlib.contour import QuadContourSet
from matplotlib.figure import Figure
from matplotlib.image import AxesImage
from matplotlib.lines import Line2D

from nnlib import Linear, Neuron, Sequential, Sigmoid, make_moons
from nnlib.plots import palette
from nnlib.plots.logic import draw_model_plane, mark_gate_targets
from nnlib.plots.network import draw_network
from nnlib.plots.neuron import draw_input_plane
from nnlib.plots.payload import CSS_DPI
from nnlib.plots.style import new_figure
from nnlib.plots.training import draw_decision_boundary, draw_loss_surface
from nnlib.plots.universality import plot_tower
from nnlib.widgets import HandTuner, NeuronExplorer, TrainingExplorer

NNLIB = Path(__file__).resolve().parents[1] / "nnlib"
PALETTE_FILE = NNLIB / "plots" / "palette.py"
HEX = re.compile(r"#[0-9a-fA-F]{3}(?:[0-9a-fA-F]{3})?(?:[0-9a-fA-F]{2})?\b")
COLOUR_KEYWORDS = {
    "c", "color", "colors", "colour", "facecolor", "facecolors", "edgecolor", "edgecolors", "fc",
    "ec", "mfc", "mec", "markerfacecolor", "markeredgecolor", "cmap",
}  # fmt: skip
COLOUR_SETTERS = {
    "set_color", "set_facecolor", "set_edgecolor", "set_markerfacecolor", "set_markeredgecolor",
    "set_cmap", "get_cmap",
}  # fmt: skip
# Words that name a colour or colour map but mean something else where nnlib writes them.
NOT_COLOURS = {"none", "w", "b", "x", "y", "c", "m", "k", "r", "g", "tab:"}
# "none" draws nothing (a hollow ring): it is the absence of a colour, not a colour.
ALLOWED_VALUES = {"none"}
COLOUR_WORDS = ({n.lower() for n in CSS4_COLORS} | {n.lower() for n in colormaps}) - NOT_COLOURS
MIN_EDGE_POINTS = 0.75  # a rim thinner than about one CSS px does not count
MARK_CONTRAST, TEXT_CONTRAST = 3.0, 4.5
MIN_FONT_POINTS = 10.0 * 72.0 / CSS_DPI  # 10 CSS px


def python_modules() -> list[Path]:
    return sorted(p for p in NNLIB.rglob("*.py") if p != PALETTE_FILE)


def colour_literals(path: Path) -> list[str]:
    """Every place in `path` that spells a colour itself instead of naming one from palette."""
    tree = ast.parse(path.read_text())
    exported = {  # the names in __all__ are names, even when one reads BLACK
        id(constant)
        for node in ast.walk(tree)
        if isinstance(node, ast.Assign)
        and any(getattr(t, "id", "") == "__all__" for t in node.targets)
        for constant in ast.walk(node.value)
    }
    found = []
    for node in ast.walk(tree):
        if id(node) not in exported and _spells_colour(node):
            found.append(f"{path.name}:{node.lineno}: {ast.unparse(node)}")  # type: ignore[attr-defined]
        found += [f"{path.name}:{node.lineno}: {hit}" for hit in _colour_arguments(node)]  # type: ignore[attr-defined]
    return found


def _spells_colour(node: ast.AST) -> bool:
    if not (isinstance(node, ast.Constant) and isinstance(node.value, str)):
        return False
    value = node.value.strip()
    return bool(HEX.search(value) or value.lower() in COLOUR_WORDS or re.fullmatch(r"C\d", value))


def _colour_arguments(node: ast.AST) -> list[str]:
    """Literal strings given where a colour goes: colour keywords, setters, style dicts."""
    hits = []
    if isinstance(node, ast.Call):
        hits += [
            f"{k.arg}=" for k in node.keywords if k.arg in COLOUR_KEYWORDS and _is_literal(k.value)
        ]
        setter = node.func.attr if isinstance(node.func, ast.Attribute) else ""
        if setter in COLOUR_SETTERS and any(_is_literal(a) for a in node.args):
            hits.append(f"{setter}(…)")
    if isinstance(node, ast.Dict):
        for key, value in zip(node.keys, node.values, strict=True):
            if (
                isinstance(key, ast.Constant)
                and key.value in COLOUR_KEYWORDS
                and _is_literal(value)
            ):
                hits.append(f"{key.value!r}: …")
    return hits


def _is_literal(node: ast.expr) -> bool:
    return (
        isinstance(node, ast.Constant)
        and isinstance(node.value, str)
        and node.value not in ALLOWED_VALUES
    )


def test_no_module_but_the_palette_spells_a_colour() -> None:
    found = [hit for path in python_modules() for hit in colour_literals(path)]
    assert not found, "name colours from nnlib.plots.palette instead:\n" + "\n".join(found)


def test_the_literal_finder_finds_what_it_should(tmp_path: Path) -> None:
    sample = tmp_path / "sample.py"
    sample.write_text(
        'ax.plot(x, color="k")\nax.imshow(v, cmap="PuOr")\nt.set_color("white")\n'
        'box = {"facecolor": "#FFF"}\nhtml = f\'<div style="color: #0072B2">\'\n'
        'name, ring = "w", "none"\n'
    )
    hits = colour_literals(sample)
    assert sorted(hit.split(":")[1] for hit in hits) == ["1", "2", "2", "3", "3", "4", "4", "5"]


def test_the_canvas_script_draws_only_colours_it_is_sent() -> None:
    script = (NNLIB / "widgets" / "canvas.js").read_text()
    code = re.sub(r"//.*|/\*.*?\*/", "", script, flags=re.DOTALL)
    strings = re.findall(r"[\"'`]([^\"'`\n]*)[\"'`]", code)
    spelled = [s for s in strings if HEX.search(s) or s.strip().lower() in COLOUR_WORDS]
    assert not spelled, f"canvas.js spells colours {spelled}; send them in the payload instead"


def test_the_output_map_ends_are_tints_of_the_class_colours() -> None:
    low, middle, high = (palette.OUTPUT_CMAP(v) for v in (0.0, 0.5, 1.0))
    assert middle == pytest.approx(to_rgba(palette.WHITE), abs=1 / 255)
    for end, colour in ((low, palette.CLASS_0), (high, palette.CLASS_1)):
        tinted = np.asarray(to_rgba(colour)[:3])
        share = (np.asarray(end[:3]) - tinted) / np.maximum(1.0 - tinted, 1e-9)
        assert np.ptp(share[tinted < 0.99]) < 0.02, "the end is the class colour mixed with white"
    assert palette.HIGH != palette.POSITIVE and palette.LOW != palette.NEGATIVE


# Pictures with a colour map under marks: static figures and live panels.
def _plane(activation: str) -> Figure:
    figure = new_figure(3.4, 3.0)
    draw_input_plane(figure.add_subplot(), Neuron([1.0, -1.0], 0.2, activation), (0.5, 1.0))
    return figure


def _gates() -> Figure:
    figure = new_figure(6.4, 3.0)
    left, right = figure.subplots(1, 2)
    draw_input_plane(left, Neuron([1.0, 1.0], -0.5, "step"), extent=(-0.5, 1.5, -0.5, 1.5))
    mark_gate_targets(left, [0, 1, 1, 0], "XOR")
    rng = np.random.default_rng(0)
    model = Sequential(Linear(2, 3, rng=rng), Sigmoid(), Linear(3, 1, rng=rng), Sigmoid())
    draw_model_plane(right, model)
    mark_gate_targets(right, [0, 0, 0, 1], "AND")
    return figure


def _moons() -> tuple[Any, Any]:
    return make_moons(60, noise=0.1, rng=np.random.default_rng(1))


def _boundary() -> Figure:
    figure = new_figure(4.2, 3.2)
    rng = np.random.default_rng(2)
    model = Sequential(Linear(2, 4, rng=rng), Sigmoid(), Linear(4, 1, rng=rng), Sigmoid())
    draw_decision_boundary(figure.add_subplot(), model, *_moons())
    return figure


def _surface() -> Figure:
    figure = new_figure(4.0, 3.2)
    grid = np.linspace(-2.0, 2.0, 12)
    losses = np.add.outer(grid**2, grid**2)
    path = np.array([[1.8, 1.5], [1.0, 0.9], [0.3, 0.2], [0.0, 0.0]])
    draw_loss_surface(figure.add_subplot(), grid, grid, losses, path)
    return figure


def _tower() -> Figure:
    figure = new_figure(4.0, 3.2)
    plot_tower(figure.add_subplot(), np.eye(4), (0.0, 1.0, 0.0, 1.0), "tower")
    return figure


PICTURES = {
    **{f"input plane ({a})": (lambda a=a: _plane(a)) for a in ("sigmoid", "step", "tanh", "relu")},
    "gate planes": _gates,
    "decision boundary": _boundary,
    "loss surface": _surface,
    "tower": _tower,
    "NeuronExplorer": lambda: NeuronExplorer(Neuron([1.0, -1.0], 0.0), x=[0.5, 1.0]).figure,
    "HandTuner": lambda: HandTuner(*_moons(), seed=2).figure,
    "TrainingExplorer": lambda: TrainingExplorer().figure,
}


def mapped_layers(ax: Axes) -> Iterator[AxesImage | QuadContourSet]:
    """The artists on `ax` that paint through a colour map."""
    yield from ax.images
    yield from (c for c in ax.collections if isinstance(c, QuadContourSet) and c.filled)


def background_colours(ax: Axes) -> np.ndarray:
    """Every colour the maps on `ax` can paint: all 256 entries of each map."""
    return np.concatenate([layer.get_cmap()(np.linspace(0, 1, 256)) for layer in mapped_layers(ax)])


def marks(ax: Axes) -> Iterator[tuple[str, list[Any]]]:
    """Each mark drawn over the maps on `ax` and the colours that may carry it: a line alone;
    a marker its face and, when wide enough to see, its rim."""
    for line in ax.get_lines():
        if isinstance(line, Line2D) and line.get_visible() is not None:
            if line.get_linestyle() not in ("None", "none", "", " "):
                yield f"line of {line.get_label()!r}", [line.get_color()]
            if line.get_marker() not in ("None", "none", "", " ", None):
                carriers = [line.get_markerfacecolor()]
                if line.get_markeredgewidth() >= MIN_EDGE_POINTS:
                    carriers.append(line.get_markeredgecolor())
                yield f"marker {line.get_marker()!r} of {line.get_label()!r}", carriers


@pytest.mark.parametrize("picture", sorted(PICTURES))
def test_every_mark_on_a_map_stands_out_in_every_vision(picture: str) -> None:
    figure = PICTURES[picture]()
    failures = []
    for ax in figure.axes:
        if not list(mapped_layers(ax)) or ax in _colour_bar_axes(figure):
            continue
        grounds = background_colours(ax)
        for name, carriers in marks(ax):
            for vision in VISIONS:
                worst = min(
                    max(contrast(c, ground[:3], vision) for c in carriers if c != "none")
                    for ground in grounds
                )
                if worst < MARK_CONTRAST:
                    failures.append(f"{name} in {vision} vision: {worst:.2f}:1")
    assert not failures, f"{picture}: marks below 3:1 on their map:\n" + "\n".join(failures)


def _colour_bar_axes(figure: Figure) -> list[Axes]:
    return [
        layer.colorbar.ax
        for ax in figure.axes
        for layer in mapped_layers(ax)
        if getattr(layer, "colorbar", None) is not None
    ]


@pytest.mark.parametrize("picture", sorted(PICTURES))
def test_every_map_has_a_colour_bar_with_a_label(picture: str) -> None:
    figure = PICTURES[picture]()
    bars = _colour_bar_axes(figure)
    for ax in figure.axes:
        if ax in bars:
            continue
        for layer in mapped_layers(ax):
            bar = getattr(layer, "colorbar", None)
            assert bar is not None, f"{picture}: a map on {ax.get_title()!r} has no colour bar"
            assert bar.ax in figure.axes and bar.ax.get_visible()
    if picture != "tower":  # the tower's title says what it shows
        named = [bar.get_ylabel() or bar.get_title(loc="left") for bar in bars]
        assert all(named), f"{picture}: name what the colours mean"


def test_the_current_input_dot_on_the_low_output_colour_stands_out() -> None:
    # The case issue #12 measured at 1.7:1: the dot on the orange (now yellow) region.
    figure = _plane("sigmoid")
    point = figure.axes[0].get_lines()[1]
    low = palette.OUTPUT_CMAP(0.0)[:3]
    for vision in VISIONS:
        assert contrast(point.get_markeredgecolor(), low, vision) >= MARK_CONTRAST
    assert point.get_markeredgewidth() >= 1.0


# The network diagram's labels.
def _diagram(x: Any = (1.0, -0.5, 2.0), seed: int = 4) -> tuple[Figure, Any]:
    rng = np.random.default_rng(seed)
    model = Sequential(
        Linear(3, 4, rng=rng), Sigmoid(), Linear(4, 4, rng=rng), Sigmoid(), Linear(4, 1, rng=rng)
    )
    figure = new_figure(7.0, 3.6, dpi=100)
    artists = draw_network(model, figure.add_axes((0.0, 0.0, 1.0, 0.92)), x=list(x))
    return figure, artists


def node_circles(figure: Figure, artists: Any) -> list[tuple[float, float, float]]:
    """Each node's inside as (x, y, radius) in display pixels: the circle less the inner half
    of its ring."""
    ax = artists.nodes.axes
    centres = ax.transData.transform(artists.nodes.get_offsets())
    sizes = np.resize(artists.nodes.get_sizes(), len(centres))
    rings = np.resize(artists.nodes.get_linewidths(), len(centres))
    radii = (np.sqrt(sizes) / 2 - rings / 2) * figure.dpi / 72.0
    return [(x, y, r) for (x, y), r in zip(centres, radii, strict=True)]


@pytest.mark.parametrize("x", [(1.0, -0.5, 2.0), (-8.0, -0.45, 0.0), (-0.01, -12.5, 3.33)])
def test_value_labels_lie_inside_their_nodes(x: tuple[float, float, float]) -> None:
    figure, artists = _diagram(x)
    renderer = figure.canvas.get_renderer()  # type: ignore[attr-defined]
    for label, (cx, cy, r) in zip(artists.value_labels, node_circles(figure, artists), strict=True):
        box = label.get_window_extent(renderer)
        box_extent = (box.x0 >= cx - r, box.x1 <= cx + r, box.y0 >= cy - r, box.y1 <= cy + r)
        assert all(box_extent), f"{label.get_text()!r} spills out of its node's extent"
        corners = np.array([[box.x0, box.y0], [box.x0, box.y1], [box.x1, box.y0], [box.x1, box.y1]])
        reach = np.hypot(corners[:, 0] - cx, corners[:, 1] - cy).max()
        assert reach <= r, f"{label.get_text()!r} reaches {reach:.1f} px into a {r:.1f} px ring"


def test_bias_labels_are_big_enough_and_read_on_their_box() -> None:
    figure, artists = _diagram()
    assert artists.bias_texts
    figure.canvas.draw()  # places each label's box
    renderer = figure.canvas.get_renderer()  # type: ignore[attr-defined]
    hidden = node_circles(figure, artists)[3:]  # every node but the inputs has a bias
    rings = artists.nodes.get_linewidths()[3:] * figure.dpi / 72.0
    for text, (_, cy, r), ring in zip(artists.bias_texts, hidden, rings, strict=True):
        box = text.get_bbox_patch().get_window_extent(renderer)
        assert box.y0 >= cy + r + ring, f"{text.get_text()!r} sits on its node's ring"
    for text in artists.bias_texts:
        assert text.get_fontsize() >= MIN_FONT_POINTS
        face = text.get_bbox_patch().get_facecolor()
        assert face[3] == 1.0, "an opaque box, so no edge runs through the label"
        assert contrast(text.get_color(), face[:3]) >= TEXT_CONTRAST
        assert text.get_zorder() > artists.edges.get_zorder()


def test_node_labels_read_on_every_fill_the_output_map_can_give() -> None:
    _, artists = _diagram()
    colour = artists.value_labels[0].get_color()
    for fill in palette.OUTPUT_CMAP(np.linspace(0, 1, 256)):
        assert contrast(colour, fill[:3]) >= TEXT_CONTRAST
    assert all(label.get_fontsize() >= MIN_FONT_POINTS for label in artists.value_labels)
