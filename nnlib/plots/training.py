"""Training made visible: a model's decision boundary, the loss curve, and the loss surface with
the path gradient descent takes across it. Each `draw_*` returns artists; `update_*` changes them.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
from contourpy import LineType, contour_generator
from matplotlib.axes import Axes
from matplotlib.contour import QuadContourSet
from matplotlib.image import AxesImage
from matplotlib.lines import Line2D

from nnlib.plots.neuron import colour_bar, output_colour_bar
from nnlib.plots.palette import (
    CLASS_0,
    CLASS_0_MARKER,
    CLASS_1,
    CLASS_1_MARKER,
    EDGE,
    HIGHLIGHT,
    MAGNITUDE_CMAP,
    MODEL,
    OUTPUT_CMAP,
    WHITE,
)
from nnlib.validation import FloatArray, as_float_array

Extent = tuple[float, float, float, float]  # x1_min, x1_max, x2_min, x2_max
SURFACE_CMAP = MAGNITUDE_CMAP  # a loss is a size, not an output: grey, darker is lower
# Pale yellow (p = 0) through white (p = 0.5) to pale purple (p = 1): the data points, drawn in the
# full class colours with black rims, stay visible on top of every part of the heatmap.
BOUNDARY_CMAP = OUTPUT_CMAP


@dataclass
class BoundaryArtists:
    """What `draw_decision_boundary` drew: the output heatmap, the p = 0.5 line, the two classes."""

    ax: Axes
    image: AxesImage
    contour: Line2D  # the p = 0.5 line; its pieces are separated by NaN, empty if p never crosses
    class0: Line2D  # markers only: one Line2D draws faster than a scatter's PathCollection
    class1: Line2D
    grid: FloatArray  # (resolution², 2), row-major from x2_min
    resolution: int
    extent: Extent


def data_extent(X: Any, margin: float = 0.25) -> Extent:
    """The box around 2-D points X: (n, 2), widened by `margin` on every side."""
    points = _points(X)
    low, high = points.min(axis=0) - margin, points.max(axis=0) + margin
    return float(low[0]), float(high[0]), float(low[1]), float(high[1])


def grid_points(extent: Extent, resolution: int) -> FloatArray:
    """Every (x1, x2) of a resolution × resolution grid over `extent`: (resolution², 2)."""
    g1, g2 = np.meshgrid(
        np.linspace(extent[0], extent[1], resolution), np.linspace(extent[2], extent[3], resolution)
    )
    return np.column_stack([g1.ravel(), g2.ravel()])


def model_image(model: Any, grid: FloatArray, resolution: int) -> FloatArray:
    """The model's output on every grid point as a (resolution, resolution) image, row = x2."""
    return np.asarray(model(grid), dtype=np.float64).reshape(resolution, resolution)


def draw_decision_boundary(
    ax: Axes, model: Any, X: Any, y: Any, *, resolution: int = 60, extent: Extent | None = None
) -> BoundaryArtists:
    """Heatmap of a 2-input model's output p(x1, x2) in [0, 1], its p = 0.5 contour, and the data.

    Class 0 is drawn as yellow circles and class 1 as purple squares: shape tells them apart too.
    """
    points = _points(X)
    box = extent if extent is not None else data_extent(points)
    grid = grid_points(box, resolution)
    image = ax.imshow(
        model_image(model, grid, resolution),
        origin="lower",
        extent=box,
        cmap=BOUNDARY_CMAP,
        vmin=0.0,
        vmax=1.0,
        aspect="auto",
        interpolation="bilinear",
    )
    style: dict[str, Any] = {"linestyle": "none", "markeredgecolor": EDGE,
                             "markeredgewidth": 0.8, "markersize": 4.7, "zorder": 3}  # fmt: skip
    (class0,) = ax.plot([], [], CLASS_0_MARKER, markerfacecolor=CLASS_0, label="label 0", **style)
    (class1,) = ax.plot([], [], CLASS_1_MARKER, markerfacecolor=CLASS_1, label="label 1", **style)
    (contour,) = ax.plot([], [], color=MODEL, linewidth=1.5, label="p = 0.5", zorder=2)
    output_colour_bar(ax, image, "output p")
    ax.set_xlabel("x1")
    ax.set_ylabel("x2")
    artists = BoundaryArtists(ax, image, contour, class0, class1, grid, resolution, box)
    update_decision_boundary(artists, model, points, y)
    return artists


def update_decision_boundary(
    artists: BoundaryArtists, model: Any, X: Any = None, y: Any = None
) -> None:
    """Recompute the heatmap and the 0.5 contour from `model`; new data (X, y) moves the points."""
    if X is not None:
        points, labels = _points(X), np.asarray(y, dtype=np.float64).reshape(-1)
        artists.class0.set_data(*points[labels < 0.5].T)
        artists.class1.set_data(*points[labels >= 0.5].T)
        _set_extent(artists, data_extent(points))
    image = model_image(model, artists.grid, artists.resolution)
    artists.image.set_data(image)
    artists.contour.set_data(*half_line(artists.grid, image).T)


def half_line(grid: FloatArray, image: FloatArray) -> FloatArray:
    """The p = 0.5 iso-line of `image` over `grid`, as (k, 2) points with NaN rows between pieces.

    The same marching squares matplotlib's contour() runs, but into one Line2D that is updated in
    place: a new contour set on every frame costs several times more than drawing it.
    """
    rows, cols = image.shape
    g = grid.reshape(rows, cols, 2)
    generator = contour_generator(g[..., 0], g[..., 1], image, line_type=LineType.ChunkCombinedNan)
    chunks = generator.lines(0.5)[0]  # ChunkCombinedNan: one list of chunks
    pieces = [np.asarray(chunk, dtype=np.float64) for chunk in chunks if chunk is not None]
    return np.concatenate(pieces) if pieces else np.empty((0, 2))


def _set_extent(artists: BoundaryArtists, extent: Extent) -> None:
    if extent == artists.extent:
        return
    artists.extent = extent
    artists.grid = grid_points(extent, artists.resolution)
    artists.image.set_extent(extent)
    artists.ax.set_xlim(extent[0], extent[1])
    artists.ax.set_ylim(extent[2], extent[3])


def _points(X: Any) -> FloatArray:
    points = as_float_array(X, "X", ndim=(2,))
    if points.shape[1] != 2:
        raise ValueError(
            f"X must have 2 features to draw in the (x1, x2) plane, got shape {points.shape}. "
            f"Decision boundaries are drawn for 2-input models only."
        )
    return points


def draw_loss_curve(
    ax: Axes, losses: Sequence[float] = (), *, xlabel: str = "step", log: bool = True
) -> Line2D:
    """The loss after each step (or epoch) as a line; a log scale shows the late, slow progress."""
    (line,) = ax.plot([], [], color=MODEL, linewidth=1.8)
    if log:
        ax.set_yscale("log")
    ax.set_xlabel(xlabel)
    ax.set_ylabel("loss")
    ax.grid(True, alpha=0.3)
    update_loss_curve(line, losses)
    return line


def update_loss_curve(line: Line2D, losses: Sequence[float]) -> None:
    """Show `losses` (index i at x = i + 1) and rescale the axes to fit them."""
    values = np.asarray(losses, dtype=np.float64).reshape(-1)
    line.set_data(np.arange(1, len(values) + 1), values)
    ax = line.axes
    assert ax is not None
    ax.relim()
    ax.autoscale_view()


@dataclass
class SurfaceArtists:
    """The filled loss contours and the descent path drawn over them."""

    ax: Axes
    surface: QuadContourSet
    path: Line2D
    start: Line2D


def draw_loss_surface(
    ax: Axes,
    xs: Any,
    ys: Any,
    losses: Any,
    path: Any = None,
    *,
    labels: tuple[str, str] = ("w1", "w2"),
) -> SurfaceArtists:
    """Filled contours of L over a grid, losses: (len(ys), len(xs)), and a path (k, 2) on top."""
    xs, ys = as_float_array(xs, "xs", ndim=(1,)), as_float_array(ys, "ys", ndim=(1,))
    values = as_float_array(losses, "losses", ndim=(2,))
    if values.shape != (len(ys), len(xs)):
        raise ValueError(
            f"losses must have shape (len(ys), len(xs)) = {(len(ys), len(xs))}, got "
            f"{values.shape}. loss_surface() returns this layout."
        )
    surface = ax.contourf(xs, ys, values, levels=20, cmap=SURFACE_CMAP)
    ax.contour(xs, ys, values, levels=10, colors=EDGE, linewidths=0.4, alpha=0.35)
    # The path in black (3:1 or more on every grey of the map), its steps in the highlight colour.
    (line,) = ax.plot([], [], color=EDGE, marker="o", markersize=4, linewidth=1.5,
                      markerfacecolor=HIGHLIGHT, markeredgecolor=EDGE)  # fmt: skip
    line.set_markeredgewidth(0.8)
    (start,) = ax.plot([], [], linestyle="none", marker="*", markersize=12, color=WHITE,
                       markeredgecolor=EDGE)  # fmt: skip
    colour_bar(surface, ax, "loss", on_top=True)
    ax.set_xlabel(labels[0])
    ax.set_ylabel(labels[1])
    artists = SurfaceArtists(ax, surface, line, start)
    update_descent_path(artists, path if path is not None else np.empty((0, 2)))
    return artists


def update_descent_path(artists: SurfaceArtists, path: Any) -> None:
    """Redraw the path of (x, y) points, path: (k, 2); a star marks where it started."""
    points = as_float_array(path, "path", ndim=(2,)) if len(path) else np.empty((0, 2))
    artists.path.set_data(points[:, 0], points[:, 1])
    artists.start.set_data(points[:1, 0], points[:1, 1])
