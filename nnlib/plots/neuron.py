"""The input plane of a two-input neuron: its output a(x1, x2) as colour, the decision line
w·x + b = 0 where z changes sign, and the current input point.

The heatmap depends only on the weights, bias and activation; moving the input point is cheap, so
`update_input_plane` recomputes the image and the line only when it is given a neuron.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.image import AxesImage
from matplotlib.lines import Line2D

from nnlib.neuron import Neuron
from nnlib.plots.palette import EDGE, HIGHLIGHT, MODEL, OUTPUT_CMAP
from nnlib.validation import FloatArray, as_float_array

Extent = tuple[float, float, float, float]  # x1_min, x1_max, x2_min, x2_max
# Activations whose outputs have a fixed range get a fixed colour scale; the rest scale to the data.
FIXED_RANGES = {"sigmoid": (0.0, 1.0), "step": (0.0, 1.0), "tanh": (-1.0, 1.0)}


@dataclass
class InputPlaneArtists:
    """What `draw_input_plane` drew and the grid it evaluates the neuron on."""

    ax: Axes
    image: AxesImage
    line: Line2D
    point: Line2D
    grid: FloatArray  # (resolution², 2): every (x1, x2) the heatmap shows
    resolution: int
    extent: Extent


def _check_two_inputs(neuron: Neuron) -> None:
    if not isinstance(neuron, Neuron) or neuron.n_inputs != 2:
        got = f"{neuron.n_inputs} inputs" if isinstance(neuron, Neuron) else type(neuron).__name__
        raise ValueError(
            f"neuron must be a Neuron with exactly 2 inputs to draw its input plane, got {got}. "
            f"Use Neuron([w1, w2], bias) for a picture in the (x1, x2) plane."
        )


def plane_grid(extent: Extent, resolution: int) -> FloatArray:
    """Every (x1, x2) of an r × r grid over extent, row by row from x2_min: shape (r², 2)."""
    x1 = np.linspace(extent[0], extent[1], resolution)
    x2 = np.linspace(extent[2], extent[3], resolution)
    g1, g2 = np.meshgrid(x1, x2)
    return np.column_stack([g1.ravel(), g2.ravel()])


def output_image(neuron: Neuron, grid: FloatArray, resolution: int) -> FloatArray:
    """a = f(w·x + b) on every grid point, as a (resolution, resolution) image, row = x2."""
    return np.asarray(neuron(grid)).reshape(resolution, resolution)


def colour_limits(activation: str, image: FloatArray) -> tuple[float, float]:
    """The output range the colour bar shows: fixed for bounded activations; else symmetric
    about a = 0 and rounded up to 1, 2 or 5 times a power of ten, so the bar changes rarely."""
    if activation in FIXED_RANGES:
        return FIXED_RANGES[activation]
    high = nice_ceiling(max(float(np.max(np.abs(image))), 1e-9))
    return -high, high


def nice_ceiling(value: float) -> float:
    """The smallest of 1, 2, 5 × 10^k that is at least `value` (> 0)."""
    power = 10.0 ** np.floor(np.log10(value))
    return float(next(step * power for step in (1.0, 2.0, 5.0, 10.0) if step * power >= value))


def decision_line(weights: Sequence[float] | FloatArray, bias: float, extent: Extent) -> FloatArray:
    """Two points (2, 2) on w·x + b = 0 beyond the extent; NaN when w = 0 (no line exists)."""
    w = np.asarray(weights, dtype=np.float64)
    norm2 = float(w @ w)
    if norm2 < 1e-12:
        return np.full((2, 2), np.nan)
    foot = -bias * w / norm2  # the point of the line nearest the origin
    direction = np.array([-w[1], w[0]]) / np.sqrt(norm2)
    reach = float(np.hypot(extent[1] - extent[0], extent[3] - extent[2])) + float(np.hypot(*foot))
    return np.vstack([foot - reach * direction, foot + reach * direction])


def draw_input_plane(
    ax: Axes,
    neuron: Neuron,
    x: Any = (0.0, 0.0),
    *,
    extent: Extent = (-2.0, 2.0, -2.0, 2.0),
    resolution: int = 61,
) -> InputPlaneArtists:
    """Heatmap of the neuron's output over (x1, x2), its decision line and the point x."""
    _check_two_inputs(neuron)
    grid = plane_grid(extent, resolution)
    image = ax.imshow(
        np.zeros((resolution, resolution)),
        origin="lower",
        extent=extent,
        cmap=OUTPUT_CMAP,
        interpolation="nearest",
        aspect="auto",
    )
    (line,) = ax.plot([], [], color=MODEL, linewidth=1.5, label="w·x + b = 0")
    (point,) = ax.plot([], [], "o", color=HIGHLIGHT, markeredgecolor=EDGE, markersize=8)
    point.set_markeredgewidth(1.5)
    output_colour_bar(ax, image)
    ax.set_xlim(extent[0], extent[1])
    ax.set_ylim(extent[2], extent[3])
    ax.set_xlabel("x1")
    ax.set_ylabel("x2")
    artists = InputPlaneArtists(ax, image, line, point, grid, resolution, extent)
    update_input_plane(artists, neuron=neuron, x=x)
    return artists


def output_colour_bar(ax: Axes, image: AxesImage, label: str = "output a") -> None:
    """The key to an output map, beside `ax`; it follows the image's colour limits."""
    colour_bar(image, ax, label)


def colour_bar(mappable: Any, ax: Axes, label: str, *, on_top: bool = False) -> None:
    """A labelled colour bar beside `ax`, as tall as it, whose box is fixed before any drawing.

    A bar with an aspect ratio gets its final box only when the figure is drawn; a live panel
    would see the box move after its first drawing and send its background again. on_top puts
    the label above the bar, where it takes no width from a neighbour on the right.
    """
    figure = ax.figure
    assert isinstance(figure, Figure)
    bar = figure.colorbar(mappable, ax=ax, fraction=0.05, pad=0.03)
    bar.ax.set_box_aspect(None)
    if on_top:
        bar.ax.set_title(label, fontsize="medium", loc="left")
    else:
        bar.set_label(label)


def update_input_plane(
    artists: InputPlaneArtists, *, neuron: Neuron | None = None, x: Any = None
) -> None:
    """New weights, bias or activation → new image and line; new x → the point moves."""
    if neuron is not None:
        _check_two_inputs(neuron)
        values = output_image(neuron, artists.grid, artists.resolution)
        artists.image.set_data(values)
        artists.image.set_clim(*colour_limits(neuron.activation, values))
        ends = decision_line(neuron.weight.data, float(neuron.bias.data), artists.extent)
        artists.line.set_data(ends[:, 0], ends[:, 1])
    if x is not None:
        point = as_float_array(x, "x", ndim=(1,))
        if point.shape != (2,):
            raise ValueError(
                f"x must be one point (x1, x2) of shape (2,), got shape {point.shape}. "
                f"Pass two numbers, e.g. (0.5, -1.0)."
            )
        artists.point.set_data([point[0]], [point[1]])
