"""Drawings for notebook 08: steps and bumps, the bump builder's curves, errors and towers.

`draw_bump_builder` makes empty artists that `update_bump_builder` fills on every change; the
other functions draw finished pictures for the notebook.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Patch
from matplotlib.ticker import FormatStrFormatter, LogLocator, NullFormatter

from nnlib.plots.palette import (
    COMPARISON,
    ERROR,
    HIGHLIGHT,
    MAGNITUDE_CMAP,
    MODEL,
    NEGATIVE,
    NEGATIVE_STYLE,
    POSITIVE,
    POSITIVE_STYLE,
    REFERENCE,
    TARGET,
    TARGET_STYLE,
    model_family,
)
from nnlib.plots.payload import PX_PER_POINT, css_size
from nnlib.universality import DOMAIN, Bump, ideal_step, sigmoid_step
from nnlib.validation import FloatArray

VIEW = (-0.2, 1.2)  # the builder's x axis: the domain and room for the outer steps
VALUES = (-0.35, 1.3)
ERROR_ALPHA = 0.45
FLAT = 1e-3  # bump values below this are not drawn
TOWER_CMAP = MAGNITUDE_CMAP  # a height, not a class: grey, lighter is higher


@dataclass
class BumpArtists:
    """The bump builder's moving parts; `contributions` has one line per possible bump."""

    ax: Axes
    target: Line2D
    output: Line2D
    contributions: list[Line2D]
    picked: Line2D
    picked_steps: Line2D
    error: Line2D  # vertical bars from target to output, broken by NaNs: one cheap line


def draw_bump_builder(ax: Axes, max_bumps: int) -> BumpArtists:
    """Empty curves on fixed axes, a legend, and the domain [0, 1] left unshaded."""
    ax.set_xlim(*VIEW)
    ax.set_ylim(*VALUES)
    ax.axhline(0.0, color=REFERENCE, linewidth=0.6)
    for low, high in ((VIEW[0], DOMAIN[0]), (DOMAIN[1], VIEW[1])):
        ax.axvspan(low, high, color=REFERENCE, alpha=0.12, linewidth=0)
    lines = [ax.plot([], [], color=REFERENCE, linewidth=0.9)[0] for _ in range(max_bumps)]
    (error,) = ax.plot([], [], color=ERROR, alpha=ERROR_ALPHA, solid_capstyle="butt", zorder=1.5)
    (target,) = ax.plot([], [], color=TARGET, linewidth=1.8, linestyle=TARGET_STYLE, zorder=3)
    (output,) = ax.plot([], [], color=MODEL, linewidth=2.2, zorder=4)
    (picked,) = ax.plot([], [], color=HIGHLIGHT, linewidth=1.8, zorder=3.5)
    (steps,) = ax.plot([], [], "D", color=HIGHLIGHT, markersize=6, zorder=5)
    ax.set_xlabel("input x (the grey margins lie outside the target's domain [0, 1])")
    ax.set_ylabel("output")
    handles = [
        Line2D([], [], color=TARGET, linewidth=1.8, linestyle=TARGET_STYLE, label="target"),
        Line2D([], [], color=MODEL, linewidth=2.2, label="network output"),
        Patch(color=ERROR, alpha=ERROR_ALPHA, label="error"),
        Line2D([], [], color=REFERENCE, linewidth=0.9, label="bumps"),
        Line2D([], [], color=HIGHLIGHT, linewidth=1.8, marker="D", label="picked bump"),
    ]
    ax.legend(handles=handles, loc="upper center", ncol=5, fontsize=8, frameon=False,
              handlelength=1.6, columnspacing=1.0)  # fmt: skip
    return BumpArtists(ax, target, output, lines, picked, steps, error)


def update_bump_builder(
    artists: BumpArtists, x: FloatArray, output: FloatArray, contributions: FloatArray
) -> None:
    """The network's output over x, and one faint curve per bump (rows of `contributions`)."""
    artists.output.set_data(x, output)
    flat = _without_zeros(contributions)
    for index, line in enumerate(artists.contributions):
        shown = index < len(contributions)
        line.set_visible(shown)
        line.set_data(x, flat[index] if shown else [])


def update_picked_bump(artists: BumpArtists, x: FloatArray, curve: FloatArray, bump: Bump) -> None:
    """The picked bump's curve, with a diamond where each of its steps is half way up."""
    artists.picked.set_data(x, _without_zeros(curve))
    half = bump.height / 2  # σ = 1/2 at a step's position: the curve passes through here
    artists.picked_steps.set_data([bump.start, bump.end], [half, half])


def _without_zeros(values: FloatArray) -> FloatArray:
    # Where a bump is flat at 0 it is left out, so bumps do not draw over the axis line.
    return np.where(np.abs(values) < FLAT, np.nan, values)


def update_target_and_error(
    artists: BumpArtists, x: FloatArray, target: FloatArray, output: FloatArray
) -> None:
    """The target over x and a thin vertical bar from it to the output at every x: the error."""
    artists.target.set_data(x, target)
    gap = np.full_like(x, np.nan)
    artists.error.set_data(
        np.column_stack([x, x, gap]).reshape(-1), np.column_stack([target, output, gap]).reshape(-1)
    )
    artists.error.set_linewidth(_bar_width(artists.ax, x))


def _bar_width(ax: Axes, x: FloatArray) -> float:
    """Line width in points that makes bars at spacing x[1] − x[0] touch without overlapping."""
    figure = ax.figure
    assert isinstance(figure, Figure)
    width_px = ax.get_position().width * css_size(figure)[0]
    spacing_px = width_px * float(x[1] - x[0]) / (VIEW[1] - VIEW[0])
    return spacing_px / PX_PER_POINT


def plot_steps(ax: Axes, position: float, steepnesses: Sequence[float]) -> list[Line2D]:
    """σ(w(x − s)) for several w, getting steeper, with the ideal step they approach."""
    x = np.linspace(*DOMAIN, 801)
    # Steeper is darker: the family runs from grey to black, in the order given.
    colours = model_family(len(steepnesses))
    lines = [
        ax.plot(x, sigmoid_step(x, position, w), color=colour, label=f"w = {w:g}")[0]
        for colour, w in zip(colours, steepnesses, strict=True)
    ]
    lines += ax.plot(
        x, ideal_step(x, position), color=TARGET, linestyle=TARGET_STYLE, label="ideal step"
    )
    ax.axvline(position, color=REFERENCE, linewidth=0.6)
    ax.set_title(
        f"σ(w·x + b) with b = −w·{position:g}: a step at s = −b/w = {position:g}", fontsize=10
    )
    ax.set_xlabel("input x")
    ax.set_ylabel("hidden output")
    ax.legend(fontsize=8, frameon=False, loc="upper left")
    return lines


def plot_bump(ax: Axes, bump: Bump, steepness: float) -> list[Line2D]:
    """The two steps (weights +h and −h) dashed, and the bump they add up to."""
    x = np.linspace(*DOMAIN, 801)
    up = bump.height * sigmoid_step(x, bump.start, steepness)
    down = -bump.height * sigmoid_step(x, bump.end, steepness)
    # The two steps in the sign colours of their output weights, +h and −h.
    lines = [
        ax.plot(x, up, POSITIVE_STYLE, color=POSITIVE, lw=1.2, label=f"+h·step at {bump.start:g}")[
            0
        ],
        ax.plot(x, down, NEGATIVE_STYLE, color=NEGATIVE, label=f"−h·step at {bump.end:g}")[0],
        ax.plot(x, up + down, color=MODEL, linewidth=2.4, label="their sum: a bump")[0],
    ]
    ax.axhline(0.0, color=REFERENCE, linewidth=0.6)
    ax.set_title(f"Two steps make a bump of height h = {bump.height:g}", fontsize=10)
    ax.set_xlabel("input x")
    ax.legend(fontsize=8, frameon=False, loc="lower left")
    return lines


def plot_hand_vs_trained(
    ax: Axes, x: FloatArray, target: FloatArray, curves: dict[str, FloatArray]
) -> None:
    """The target dashed and one line per network, e.g. {'built by hand': …, 'trained': …}."""
    ax.plot(x, target, color=TARGET, linestyle=TARGET_STYLE, linewidth=1.8, label="target")
    styles = [(MODEL, "-"), (COMPARISON, "-."), (COMPARISON, ":")]
    for (label, y), (colour, dash) in zip(curves.items(), styles, strict=False):
        ax.plot(x, y, color=colour, linestyle=dash, linewidth=2.0, label=label)
    ax.set_xlabel("input x")
    ax.set_ylabel("output")
    ax.legend(fontsize=8, frameon=False)


def plot_error_vs_neurons(
    ax: Axes, neurons: Sequence[int], errors: dict[str, Sequence[float]]
) -> None:
    """Mean absolute error against the number of hidden neurons, one line per method."""
    for (label, values), (colour, marker) in zip(
        errors.items(), [(MODEL, "o-"), (COMPARISON, "s--"), (COMPARISON, "^:")], strict=False
    ):
        ax.plot(neurons, values, marker, color=colour, label=label)
    ax.set_yscale("log")
    ax.yaxis.set_major_locator(LogLocator(subs=(1.0, 2.0, 5.0)))
    ax.yaxis.set_major_formatter(FormatStrFormatter("%g"))
    ax.yaxis.set_minor_formatter(NullFormatter())
    ax.set_xticks(list(neurons))
    ax.set_xlabel("hidden neurons N")
    ax.set_ylabel("mean absolute error")
    ax.legend(fontsize=8, frameon=False)


def plot_tower(
    ax: Axes, values: FloatArray, extent: tuple[float, float, float, float], title: str
) -> None:
    """One heatmap of a function of (x1, x2) over `extent`, with its own colour bar."""
    image = ax.imshow(values, origin="lower", extent=extent, cmap=TOWER_CMAP, aspect="equal")
    ax.set_title(title, fontsize=10)
    ax.set_xlabel("x1")
    ax.set_ylabel("x2")
    figure = ax.figure
    assert isinstance(figure, Figure)
    figure.colorbar(image, ax=ax, fraction=0.046, pad=0.04)
