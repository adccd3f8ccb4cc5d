"""An activation curve a = f(z), optionally its derivative f'(z), and the current point (z, a).

`draw_activation` returns the artists; `update_activation` moves the point on every slider tick and
recomputes the curves only when the activation, its leaky slope or the visible z range changes.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.lines import Line2D

from nnlib import activations
from nnlib.plots.palette import COMPARISON, HIGHLIGHT, MODEL, REFERENCE
from nnlib.plots.style import new_figure
from nnlib.validation import FloatArray, as_float

GALLERY = ("step", "sigmoid", "tanh", "relu", "leaky_relu", "identity")
CURVE_POINTS = 241


def activation_values(
    name: str, z: FloatArray | float, negative_slope: float = 0.01
) -> tuple[FloatArray, FloatArray]:
    """(f(z), f'(z)) for the activation `name`; leaky ReLU uses `negative_slope` below 0."""
    spec = activations.get_spec(name)
    if spec.name == "leaky_relu":
        return (
            activations.leaky_relu(z, negative_slope),
            activations.leaky_relu_grad(z, negative_slope),
        )
    return spec.fn(z), spec.grad(z)


def visible_half_range(z: float, default: float) -> float:
    """Half-width of the z axis: `default`, widened in whole steps when z would fall off it."""
    if abs(z) <= 0.95 * default:
        return default
    return float(math.ceil(abs(z) * 1.2))


@dataclass
class ActivationArtists:
    """What `draw_activation` drew, plus the state `update_activation` compares against."""

    ax: Axes
    curve: Line2D
    point: Line2D
    guides: tuple[Line2D, Line2D]  # vertical line at z, horizontal line at a
    derivative: Line2D | None
    derivative_point: Line2D | None
    name: str
    z: float
    negative_slope: float
    default_half_range: float
    half_range: float


def draw_activation(
    ax: Axes,
    name: str,
    *,
    z: float = 0.0,
    derivative: bool = False,
    negative_slope: float = 0.01,
    half_range: float = 5.0,
    title: bool = True,
) -> ActivationArtists:
    """Plot f on z ∈ [−half_range, half_range] with the point (z, f(z)); f' dashed if asked."""
    spec = activations.get_spec(name)
    z = as_float(z, "z")
    negative_slope = as_float(negative_slope, "negative_slope")
    ax.axhline(0.0, color=REFERENCE, linewidth=0.6)
    ax.axvline(0.0, color=REFERENCE, linewidth=0.6)
    (curve,) = ax.plot([], [], color=MODEL, linewidth=2.0, label="f(z)")
    deriv = deriv_point = None
    if derivative:
        (deriv,) = ax.plot([], [], color=COMPARISON, linewidth=1.6, linestyle="--", label="f'(z)")
        (deriv_point,) = ax.plot([], [], "s", color=COMPARISON, markersize=6, zorder=5)
    guides = (
        ax.plot([], [], color=HIGHLIGHT, linewidth=0.8, linestyle=":")[0],
        ax.plot([], [], color=HIGHLIGHT, linewidth=0.8, linestyle=":")[0],
    )
    (point,) = ax.plot([], [], "o", color=HIGHLIGHT, markersize=7, zorder=6)
    ax.set_xlabel("z (weighted sum)")
    ax.set_ylabel("a = f(z)")
    if derivative:
        ax.legend(loc="upper left", fontsize="small", frameon=False)
    artists = ActivationArtists(
        ax, curve, point, guides, deriv, deriv_point, spec.name, z, negative_slope, half_range, 0.0
    )
    _redraw_curves(artists, visible_half_range(z, half_range), title)
    _move_point(artists)
    return artists


def update_activation(
    artists: ActivationArtists,
    *,
    name: str | None = None,
    z: float | None = None,
    negative_slope: float | None = None,
) -> None:
    """Move the point to z; recompute the curves only if the name, slope or z range changed."""
    new_name = artists.name if name is None else activations.get_spec(name).name
    new_slope = (
        artists.negative_slope
        if negative_slope is None
        else as_float(negative_slope, "negative_slope")
    )
    if z is not None:
        artists.z = as_float(z, "z")
    half = visible_half_range(artists.z, artists.default_half_range)
    changed = (new_name, new_slope, half) != (
        artists.name,
        artists.negative_slope,
        artists.half_range,
    )
    artists.name, artists.negative_slope = new_name, new_slope
    if changed:
        _redraw_curves(artists, half, title=True)
    _move_point(artists)


def _redraw_curves(artists: ActivationArtists, half_range: float, title: bool) -> None:
    artists.half_range = half_range
    zs: FloatArray = np.linspace(-half_range, half_range, CURVE_POINTS, dtype=np.float64)
    values, grads = activation_values(artists.name, zs, artists.negative_slope)
    artists.curve.set_data(zs, values)
    shown = [values]
    if artists.derivative is not None:
        artists.derivative.set_data(zs, grads)
        shown.append(grads)
    artists.ax.set_xlim(-half_range, half_range)
    artists.ax.set_ylim(*_y_limits(float(np.min(shown)), float(np.max(shown))))
    if title:
        symbol = activations.get_spec(artists.name).symbol
        artists.ax.set_title(f"a = {symbol}(z)", fontsize="medium")


def _y_limits(low: float, high: float) -> tuple[float, float]:
    """A margin around [low, high], rounded out to quarters so small changes keep the same axes."""
    pad = 0.1 * max(high - low, 1.0)
    return math.floor((low - pad) * 4.0) / 4.0, math.ceil((high + pad) * 4.0) / 4.0


def curve_artists(artists: ActivationArtists) -> list[Line2D]:
    """The curves, which change only with the activation, its slope or the z range."""
    return [artists.curve] + ([artists.derivative] if artists.derivative is not None else [])


def point_artists(artists: ActivationArtists) -> list[Line2D]:
    """The current point, its guides and the point on f', which move with every z."""
    extra = [artists.derivative_point] if artists.derivative_point is not None else []
    return [artists.point, *artists.guides, *extra]


def _move_point(artists: ActivationArtists) -> None:
    z = artists.z
    value, grad = activation_values(artists.name, z, artists.negative_slope)
    a = float(value)
    artists.point.set_data([z], [a])
    low = artists.ax.get_ylim()[0]
    artists.guides[0].set_data([z, z], [low, a])
    artists.guides[1].set_data([-artists.half_range, z], [a, a])
    if artists.derivative_point is not None:
        artists.derivative_point.set_data([z], [float(grad)])


def draw_activation_gallery(
    names: Sequence[str] = GALLERY,
    *,
    columns: int = 3,
    negative_slope: float = 0.1,
    dpi: float = 80,
) -> tuple[Figure, dict[str, ActivationArtists]]:
    """One panel per activation with its derivative dashed; leaky ReLU's slope is exaggerated."""
    rows = math.ceil(len(names) / columns)
    figure = new_figure(2.8 * columns, 2.4 * rows, dpi)  # 3 columns fill 840 CSS px
    axes = figure.subplots(rows, columns, squeeze=False).ravel()
    drawn = {}
    for ax, name in zip(axes, names, strict=False):
        artists = draw_activation(
            ax, name, derivative=True, half_range=4.0, negative_slope=negative_slope
        )
        artists.point.set_visible(False)
        for guide in artists.guides:
            guide.set_visible(False)
        if artists.derivative_point is not None:
            artists.derivative_point.set_visible(False)
        ax.set_xlabel("z")
        ax.set_ylabel("")
        if artists.name == "leaky_relu":
            ax.set_title(f"a = LeakyReLU(z), slope {negative_slope:g}", fontsize="medium")
        if ax is not axes[0] and ax.get_legend() is not None:
            ax.get_legend().remove()
        drawn[artists.name] = artists
    for ax in axes[len(names) :]:
        ax.set_visible(False)
    # Fixed margins instead of tight_layout, which costs a whole extra draw.
    figure.subplots_adjust(left=0.06, right=0.98, bottom=0.1, top=0.93, wspace=0.25, hspace=0.6)
    return figure, drawn
