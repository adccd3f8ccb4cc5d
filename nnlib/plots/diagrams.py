"""Static diagrams for notebooks/images/, drawn from code so that `make images` redraws them.

The single neuron is drawn in black on pale nodes: its weights and bias stand for any values, so
they do not take the sign colours (blue positive, orange negative) that real values get.
"""

from __future__ import annotations

import numpy as np
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.patches import Circle, FancyArrowPatch, FancyBboxPatch

from nnlib import activations
from nnlib.plots.palette import BLACK, MODEL, PALE, WHITE
from nnlib.plots.style import new_figure

_INPUT_X, _SUM_X, _ACT_X, _OUT_X = 0.6, 3.2, 4.9, 6.5


def _arrow(
    ax: Axes, start: tuple[float, float], end: tuple[float, float], color: str, linewidth: float
) -> None:
    arrow = FancyArrowPatch(
        start, end, arrowstyle="-|>", mutation_scale=12, shrinkA=0, shrinkB=0, color=color
    )
    arrow.set_linewidth(linewidth)
    ax.add_patch(arrow)


def _inputs_and_weights(ax: Axes, n_inputs: int) -> None:
    """Input circles x_i on the left, each joined to Σ by an edge labelled w_i."""
    for i, y in enumerate(np.linspace(1.0, -1.0, n_inputs)):
        ax.add_patch(Circle((_INPUT_X, y), 0.28, facecolor=PALE, edgecolor=BLACK))
        ax.text(_INPUT_X, y, f"$x_{i + 1}$", ha="center", va="center", fontsize=13)
        start, end = (_INPUT_X + 0.3, y), (_SUM_X - 0.45, y * 0.35)
        _arrow(ax, start, end, color=BLACK, linewidth=1.6)
        middle = (0.45 * start[0] + 0.55 * end[0], 0.45 * start[1] + 0.55 * end[1] + 0.17)
        ax.text(*middle, f"$w_{i + 1}$", ha="center", va="center", fontsize=13, color=BLACK)


def _sum_and_bias(ax: Axes) -> None:
    ax.add_patch(Circle((_SUM_X, 0.0), 0.45, facecolor=WHITE, edgecolor=BLACK, linewidth=1.5))
    ax.text(_SUM_X, 0.0, r"$\Sigma$", ha="center", va="center", fontsize=18)
    ax.text(_SUM_X, 1.25, "bias $b$", ha="center", va="center", fontsize=12, color=BLACK)
    _arrow(ax, (_SUM_X, 1.05), (_SUM_X, 0.47), color=BLACK, linewidth=1.6)
    ax.text(_SUM_X, -0.75, r"$z = \sum_i w_i x_i + b$", ha="center", va="center", fontsize=11)


def _activation_box(ax: Axes) -> None:
    box = FancyBboxPatch(
        (_ACT_X - 0.5, -0.4),
        1.0,
        0.8,
        boxstyle="round,pad=0.05",
        facecolor=WHITE,
        edgecolor=BLACK,
    )
    ax.add_patch(box)
    zs = np.linspace(-4.0, 4.0, 60)
    ax.plot(_ACT_X + zs / 9.0, -0.3 + 0.6 * activations.sigmoid(zs), color=MODEL, linewidth=1.5)
    ax.text(_ACT_X, -0.75, "activation $f$", ha="center", va="center", fontsize=11)
    _arrow(ax, (_SUM_X + 0.47, 0.0), (_ACT_X - 0.57, 0.0), color=BLACK, linewidth=1.4)


def _output(ax: Axes) -> None:
    _arrow(ax, (_ACT_X + 0.57, 0.0), (_OUT_X - 0.3, 0.0), color=BLACK, linewidth=1.4)
    ax.add_patch(Circle((_OUT_X, 0.0), 0.28, facecolor=PALE, edgecolor=BLACK))
    ax.text(_OUT_X, 0.0, "$a$", ha="center", va="center", fontsize=13)
    ax.text(_OUT_X, -0.6, "output", ha="center", va="center", fontsize=11)
    ax.text(_ACT_X, 0.7, "$a = f(z)$", ha="center", va="center", fontsize=12, color=BLACK)


def draw_single_neuron(n_inputs: int = 3) -> Figure:
    """One neuron: inputs x_i, weights w_i on the edges, Σ with bias b, activation f, output a."""
    figure = new_figure(7.5, 3.2, dpi=100)
    ax = figure.add_axes((0.0, 0.0, 1.0, 1.0))
    _inputs_and_weights(ax, n_inputs)
    _sum_and_bias(ax)
    _activation_box(ax)
    _output(ax)
    ax.text(_INPUT_X, -1.5, "inputs", ha="center", va="center", fontsize=11)
    ax.set_xlim(0.0, 7.2)
    ax.set_ylim(-1.75, 1.6)
    ax.set_aspect("equal")
    ax.axis("off")
    return figure
