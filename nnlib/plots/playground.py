"""The playground's pictures: a network whose hidden neurons each show a small heatmap, the
decision region with training and test points, and the two loss curves.

The diagram's axes use CSS pixels as data units, so every neuron's square stays square. The
neurons of one column are one image (tiles separated by transparent rows), which keeps what a
training tick sends small; index 0 of each tile colour map is transparent and marks the gaps.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from itertools import pairwise
from typing import Any

import matplotlib
import numpy as np
from matplotlib.axes import Axes
from matplotlib.collections import LineCollection
from matplotlib.colors import ListedColormap, Normalize, to_rgba
from matplotlib.image import AxesImage
from matplotlib.lines import Line2D

from nnlib.layers import Linear
from nnlib.plots.palette import (
    CLASS_0,
    CLASS_0_MARKER,
    CLASS_1,
    CLASS_1_MARKER,
    EDGE,
    MODEL,
    NEGATIVE,
    OUTPUT_CMAP,
    POSITIVE,
    REFERENCE,
    WHITE,
)
from nnlib.plots.playground_artists import FixedSegments, PlainNorm
from nnlib.plots.training import BOUNDARY_CMAP, Extent, grid_points, half_line
from nnlib.sequential import Sequential
from nnlib.validation import FloatArray

TILE_PX = 10  # each neuron's heatmap: TILE_PX × TILE_PX values
GAP_PX = 2  # transparent image rows between two neurons of a column
TILE_CSS = 40.0  # a tile's side on the page, CSS px
LEVELS = 32  # colours per tile map: a small palette is a small message
# A neuron's output, from its lowest (class-0 colour) through white to its highest (class-1
# colour): the map of every output in the series.
TILE_COLOURS = OUTPUT_CMAP
REGION_RESOLUTION = 28
MIN_WIDTH, MAX_WIDTH = 0.3, 4.0  # edge widths in points
SOLID, DASHED = "solid", (0, (4.0, 2.5))
EDGE_RGBA = np.array([to_rgba(POSITIVE), to_rgba(NEGATIVE)])  # w ≥ 0, w < 0


def tile_map(colours: Any) -> ListedColormap:
    """LEVELS colours of `colours` after one transparent entry (index 0, for the gaps)."""
    table = np.vstack([[0.0, 0.0, 0.0, 0.0], colours(np.linspace(0.0, 1.0, LEVELS))])
    cmap = ListedColormap(table)
    cmap.set_bad((0.0, 0.0, 0.0, 0.0))
    return cmap


def tile_norm(low: float, high: float) -> Normalize:
    """A norm that sends [low, high] onto indices 1 … LEVELS of a tile map (0 stays for gaps)."""
    span = (high - low) * (LEVELS + 1) / LEVELS
    return PlainNorm(vmin=high - span, vmax=high)


def output_range(activation: str) -> tuple[float, float]:
    """The range a tile's colours cover: (0, 1) for sigmoid, (−1, 1) for the others."""
    return (0.0, 1.0) if activation == "sigmoid" else (-1.0, 1.0)


def column_image(values: FloatArray, low: float, high: float) -> FloatArray:
    """Neuron outputs (TILE_PX², k) on the tile grid → one image, neuron 0 at the top.

    Rows between tiles are NaN (transparent); values are clipped into [low, high].
    """
    k = values.shape[1]
    # Every tile and the gap rows under it in one (k, TILE_PX + GAP_PX, TILE_PX) block, the
    # last neuron first (origin lower: neuron 0 is the last tile); the last gap is cut off.
    block = np.full((k, TILE_PX + GAP_PX, TILE_PX), np.nan)
    tiles = values.T.reshape(k, TILE_PX, TILE_PX)[::-1]
    np.clip(tiles, low, high, out=block[:, :TILE_PX])
    return block.reshape(-1, TILE_PX)[: k * TILE_PX + (k - 1) * GAP_PX]


def tile_of(image: FloatArray, neuron: int, count: int) -> FloatArray:
    """Neuron `neuron`'s tile, (TILE_PX, TILE_PX), out of a column image of `count` neurons."""
    top = (count - 1 - neuron) * (TILE_PX + GAP_PX)
    return image[top : top + TILE_PX]


def hidden_outputs(model: Sequential, X: FloatArray) -> list[FloatArray]:
    """The output of every hidden layer's activation for inputs X, one (n, width) array each."""
    return layer_outputs(model, X)[:-1]


def layer_outputs(model: Sequential, X: FloatArray) -> list[FloatArray]:
    """Every hidden activation's output for inputs X, then the network's output: one pass."""
    outputs, value = [], X
    modules = list(model)
    for index, module in enumerate(modules):
        value = module.forward_unchecked(value)
        if not isinstance(module, Linear) and index < len(modules) - 1:
            outputs.append(value)
    return [*outputs, np.asarray(value, dtype=np.float64)]


@dataclass
class NetworkTiles:
    """The diagram: one image per hidden column, the output's tile, and the edges."""

    ax: Axes
    columns: list[AxesImage]
    output: AxesImage
    edges: LineCollection
    sizes: list[int]
    centres: list[FloatArray] = field(default_factory=list)  # per column: (k, 2) tile centres
    signs: Any = None  # the weights' signs the edges' dash patterns were last set for

    def artists(self) -> list[Any]:
        return [*self.columns, self.output, self.edges]


def tile_centres(sizes: Sequence[int], width: float, height: float) -> list[FloatArray]:
    """Each column's tile centres in CSS px, columns spread evenly, tiles centred vertically."""
    margin = 70.0
    xs = np.round(np.linspace(margin, width - 40.0, len(sizes)))  # on whole CSS px
    pitch = TILE_CSS * (TILE_PX + GAP_PX) / TILE_PX
    middle = round(height / 2 - 10.0)
    return [
        np.column_stack([np.full(k, x), middle + pitch * ((k - 1) / 2 - np.arange(k))])
        for x, k in zip(xs, sizes, strict=True)
    ]


def draw_network_tiles(
    ax: Axes, sizes: Sequence[int], activation: str, size_px: tuple[float, float]
) -> NetworkTiles:
    """Axes in CSS px; inputs x1, x2 as fixed gradients, a tile per neuron, edges between."""
    width, height = size_px
    ax.set_xlim(0, width)
    ax.set_ylim(0, height)
    ax.axis("off")
    centres = tile_centres(sizes, width, height)
    _draw_inputs(ax, centres[0])
    low, high = output_range(activation)
    columns = [_tile_image(ax, c, tile_norm(low, high), TILE_COLOURS) for c in centres[1:-1]]
    output = _tile_image(ax, centres[-1], tile_norm(0.0, 1.0), BOUNDARY_CMAP)
    # Over the tiles, as the page draws every moving line over every image.
    edges = FixedSegments(_edge_segments(centres), capstyle="butt", zorder=3)
    ax.add_collection(edges)
    names = ["input", *(f"hidden {i}" for i in range(1, len(sizes) - 1)), "output p"]
    for name, c in zip(names, centres, strict=True):
        ax.text(c[0, 0], c[0, 1] + TILE_CSS / 2 + 6, name, ha="center", va="bottom", fontsize=9)
    return NetworkTiles(ax, columns, output, edges, list(sizes), centres)


def _tile_image(ax: Axes, centres: FloatArray, norm: Normalize, colours: Any) -> AxesImage:
    half = TILE_CSS / 2
    extent = (
        centres[0, 0] - half,
        centres[0, 0] + half,
        centres[-1, 1] - half,
        centres[0, 1] + half,
    )
    blank = np.full((len(centres) * (TILE_PX + GAP_PX) - GAP_PX, TILE_PX), np.nan)
    image = ax.imshow(blank, origin="lower", extent=extent, cmap=tile_map(colours), norm=norm,
                      aspect="auto", interpolation="nearest", zorder=2)  # fmt: skip
    return image


def _draw_inputs(ax: Axes, centres: FloatArray) -> None:
    ramp = np.linspace(-1.0, 1.0, TILE_PX)
    for index, (image, name) in enumerate(
        ((np.tile(ramp, (TILE_PX, 1)), "x1"), (np.tile(ramp[:, None], (1, TILE_PX)), "x2"))
    ):
        x, y = centres[index]
        half = TILE_CSS / 2
        box = (x - half, x + half, y - half, y + half)
        ax.imshow(image, origin="lower", extent=box, cmap=TILE_COLOURS, vmin=-1, vmax=1,
                  aspect="auto", interpolation="nearest")  # fmt: skip
        ax.text(x - half - 6, y, name, ha="right", va="center", fontsize=10)


def _edge_segments(centres: list[FloatArray]) -> list[FloatArray]:
    half = TILE_CSS / 2 + 3.0  # a little short of the tiles, so thick ends stay off them
    segments = []
    for sources, targets in pairwise(centres):
        for target in targets:  # weight[row, col]: row = target, col = source, as Linear stores it
            for source in sources:
                segments.append(
                    np.array([[source[0] + half, source[1]], [target[0] - half, target[1]]])
                )
    return segments


def update_network_tiles(
    tiles: NetworkTiles, model: Sequential, grid: FloatArray, outputs: Any = None
) -> None:
    """Every hidden neuron's output over `grid` (TILE_PX² points) into its tile; edge styles.

    `outputs`: layer_outputs(model, grid), when a shared pass has computed them already.
    """
    *hidden, out = layer_outputs(model, grid) if outputs is None else outputs
    for image, values in zip(tiles.columns, hidden, strict=True):
        low, high = _range(image)
        image.set_data(column_image(values, low, high))
    tiles.output.set_data(column_image(out, 0.0, 1.0))
    weights = np.concatenate([m.weight.data.reshape(-1) for m in model if isinstance(m, Linear)])
    scale = max(float(np.abs(weights).max()), 1e-12)
    signs = weights >= 0
    # One dash pattern for every negative edge, not one per width: a short message per tick.
    # matplotlib rescales the dashes whenever the widths are set, so both go under the setting
    # (saved and restored by hand: rc_context copies every rcParam, a cost on every tick).
    scaled = matplotlib.rcParams["lines.scale_dashes"]
    matplotlib.rcParams["lines.scale_dashes"] = False
    try:
        if tiles.signs is None or not np.array_equal(signs, tiles.signs):  # only on a flip
            tiles.signs = signs
            tiles.edges.set_linestyle([SOLID if w else DASHED for w in signs])
        tiles.edges.set_linewidth(MIN_WIDTH + (MAX_WIDTH - MIN_WIDTH) * np.abs(weights) / scale)
    finally:
        matplotlib.rcParams["lines.scale_dashes"] = scaled
    tiles.edges.set_color(np.where(signs[:, None], EDGE_RGBA[0], EDGE_RGBA[1]))


def _range(image: AxesImage) -> tuple[float, float]:
    low, high = image.get_clim()
    assert low is not None and high is not None, "tile images are drawn with a norm"
    return high - (high - low) * LEVELS / (LEVELS + 1), high


@dataclass
class RegionArtists:
    """The decision region: heatmap, p = 0.5 line, training (filled) and test (hollow) points."""

    ax: Axes
    image: AxesImage
    contour: Line2D
    train: tuple[Line2D, Line2D]
    test: tuple[Line2D, Line2D]
    grid: FloatArray
    extent: Extent


def draw_region(ax: Axes, extent: Extent) -> RegionArtists:
    """An empty decision region over `extent`; update_region fills it."""
    blank = np.zeros((REGION_RESOLUTION, REGION_RESOLUTION))
    cmap = ListedColormap(BOUNDARY_CMAP(np.linspace(0.0, 1.0, 64)))
    image = ax.imshow(blank, origin="lower", extent=extent, cmap=cmap, norm=PlainNorm(0.0, 1.0),
                      aspect="auto", interpolation="bilinear")  # fmt: skip
    (contour,) = ax.plot([], [], color=MODEL, linewidth=1.2, zorder=2)
    # Training points in their class colour, test points hollow; the shape gives the class in
    # both, and the black rim keeps every point visible on any colour of the map.
    filled: dict[str, Any] = {"linestyle": "none", "markeredgecolor": EDGE,
                              "markeredgewidth": 0.6, "markersize": 4.5, "zorder": 3}  # fmt: skip
    hollow: dict[str, Any] = {"linestyle": "none", "markerfacecolor": WHITE,
                              "markeredgecolor": EDGE, "markeredgewidth": 1.2,
                              "markersize": 5.0, "zorder": 4}  # fmt: skip
    train = (
        ax.plot([], [], CLASS_0_MARKER, markerfacecolor=CLASS_0, label="train 0", **filled)[0],
        ax.plot([], [], CLASS_1_MARKER, markerfacecolor=CLASS_1, label="train 1", **filled)[0],
    )
    test = (
        ax.plot([], [], CLASS_0_MARKER, label="test 0", **hollow)[0],
        ax.plot([], [], CLASS_1_MARKER, label="test 1", **hollow)[0],
    )
    ax.set_xticks([])
    ax.set_yticks([])
    ax.set_xlim(extent[0], extent[1])
    ax.set_ylim(extent[2], extent[3])
    grid = grid_points(extent, REGION_RESOLUTION)
    return RegionArtists(ax, image, contour, train, test, grid, extent)


def set_region_extent(region: RegionArtists, extent: Extent) -> None:
    if extent == region.extent:
        return
    region.extent = extent
    region.grid = grid_points(extent, REGION_RESOLUTION)
    region.image.set_extent(extent)
    region.ax.set_xlim(extent[0], extent[1])
    region.ax.set_ylim(extent[2], extent[3])


def update_region_points(region: RegionArtists, train: Any, test: Any) -> None:
    """Training points filled, test points hollow; (X, y) pairs, y in {0, 1}."""
    for lines, (X, y) in ((region.train, train), (region.test, test)):
        labels = np.asarray(y).reshape(-1)
        lines[0].set_data(X[labels < 0.5, 0], X[labels < 0.5, 1])
        lines[1].set_data(X[labels >= 0.5, 0], X[labels >= 0.5, 1])


def update_region_model(region: RegionArtists, model: Sequential, out: Any = None) -> None:
    """The model's p over the region's grid (`out`, when a shared pass has computed it)."""
    values = model.forward_unchecked(region.grid) if out is None else out
    image = np.asarray(values, dtype=np.float64).reshape(REGION_RESOLUTION, REGION_RESOLUTION)
    region.image.set_data(image)
    region.contour.set_data(*half_line(region.grid, image).T)


def draw_loss_axes(ax: Axes) -> tuple[Line2D, Line2D]:
    """Training loss (solid) and test loss (dashed) against the step."""
    (train,) = ax.plot([], [], color=MODEL, linewidth=1.6, label="training")
    (test,) = ax.plot([], [], color=MODEL, linewidth=1.6, linestyle="--", label="test")
    ax.set_xlabel("step", fontsize=9)
    ax.set_ylabel("loss", fontsize=9)
    ax.tick_params(labelsize=8)
    ax.grid(True, alpha=0.3, color=REFERENCE)
    ax.legend(loc="upper right", fontsize=8, frameon=False)
    return train, test


def thinned(steps: FloatArray, values: FloatArray, most: int = 60) -> tuple[Any, Any]:
    """At most `most` evenly spaced points of a curve (always the last one): a short message."""
    if len(steps) <= most:
        return steps, values
    keep = thinned_rows(len(steps), most)
    return steps[keep], values[keep]


def thinned_rows(count: int, most: int = 60) -> Any:
    """The rows `thinned` keeps of a curve of `count` points: all, or `most` evenly spaced."""
    if count <= most:
        return np.arange(count)
    return np.unique(np.linspace(0, count - 1, most).round().astype(int))
