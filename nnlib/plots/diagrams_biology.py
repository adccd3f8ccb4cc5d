"""The biological neuron drawn in code, each part labelled with its artificial counterpart."""

from __future__ import annotations

import numpy as np
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.patches import Circle, Ellipse, FancyBboxPatch, Polygon

from nnlib.plots.palette import BLACK, BLUE, GREY, LIGHT_GREY, ORANGE, SKY
from nnlib.plots.style import new_figure

SOMA = (3.4, 2.5)
AXON_Y = 2.5
DENDRITE_TIPS = [(1.25, 4.0), (0.95, 2.5), (1.25, 1.0)]
TERMINALS = [(9.25, 3.1), (9.4, 2.5), (9.25, 1.9)]


def _dendrites(ax: Axes) -> None:
    """Three tapering branches with side twigs; a presynaptic bouton (synapse) at each tip."""
    for index, (x, y) in enumerate(DENDRITE_TIPS, start=1):
        middle = ((x + SOMA[0]) / 2, (y + SOMA[1]) / 2)
        ax.plot([SOMA[0], middle[0]], [SOMA[1], middle[1]], color=SKY, lw=6, solid_capstyle="round")
        ax.plot([middle[0], x], [middle[1], y], color=SKY, lw=3.5, solid_capstyle="round")
        twig = (middle[0] - 0.3, middle[1] + (0.55 if y >= SOMA[1] else -0.55))
        ax.plot([middle[0], twig[0]], [middle[1], twig[1]], color=SKY, lw=2)
        ax.plot([x - 0.75, x - 0.2], [y, y], color=ORANGE, lw=1.5)  # incoming axon
        ax.add_patch(Circle((x - 0.15, y), 0.1, color=ORANGE, zorder=3))
        ax.text(x - 0.82, y, f"$x_{index}$", ha="right", va="center", fontsize=11)
        ax.text(x - 0.15, y - 0.22, f"$w_{index}$", ha="center", va="top", fontsize=9, color=BLUE)


def _soma_and_axon(ax: Axes) -> None:
    ax.add_patch(Ellipse(SOMA, 1.3, 1.1, facecolor=SKY, edgecolor=BLUE, lw=1.5, zorder=2))
    ax.add_patch(Circle(SOMA, 0.2, color=BLUE, alpha=0.6, zorder=3))  # the nucleus
    hillock = [
        (SOMA[0] + 0.55, AXON_Y + 0.3),
        (SOMA[0] + 1.05, AXON_Y),
        (SOMA[0] + 0.55, AXON_Y - 0.3),
    ]
    ax.add_patch(Polygon(hillock, closed=True, facecolor=SKY, edgecolor=BLUE, zorder=2))
    ax.plot([SOMA[0] + 1.0, 8.6], [AXON_Y, AXON_Y], color=BLUE, lw=2, zorder=1)
    for start in np.arange(4.8, 8.2, 0.9).tolist():  # myelin sheath, gaps are the nodes of Ranvier
        sheath = FancyBboxPatch(
            (start, AXON_Y - 0.13),
            0.72,
            0.26,
            boxstyle="round,pad=0.02",
            facecolor=LIGHT_GREY,
            edgecolor=GREY,
            zorder=2,
        )
        ax.add_patch(sheath)
    for x, y in TERMINALS:
        ax.plot([8.6, x - 0.1], [AXON_Y, y], color=BLUE, lw=1.5)
        ax.add_patch(Circle((x, y), 0.1, color=BLUE, zorder=3))
    spike_x = np.linspace(6.0, 7.0, 60)
    ax.plot(spike_x, 3.05 + 0.45 * np.exp(-(((spike_x - 6.5) / 0.08) ** 2)), color=BLACK, lw=1)
    ax.annotate("", (7.4, 3.1), (6.9, 3.1), arrowprops={"arrowstyle": "->", "color": BLACK})


LABELS = [
    # (x, y, biological part, artificial counterpart, horizontal alignment)
    (0.6, 4.95, "dendrites & synapses", "inputs $x_i$ & weights $w_i$", "left"),
    (
        3.4,
        3.95,
        "soma: adds up the inputs",
        "weighted sum $z = \\Sigma_i\\, w_i x_i + b$",
        "center",
    ),
    (4.1, 1.45, "axon hillock: fires a spike if V > threshold", "activation $a = f(z)$", "left"),
    (5.9, 4.1, "axon: carries the spikes", "output $a$", "center"),
    (9.95, 4.1, "axon terminals", "inputs of the next neurons", "right"),
]


def _labels(ax: Axes) -> None:
    pointer = {"arrowstyle": "-", "color": GREY, "lw": 0.8}
    ax.annotate("", (SOMA[0] + 0.8, AXON_Y - 0.1), (4.6, 1.5), arrowprops=pointer)
    ax.annotate("", (9.3, 3.2), (9.2, 3.55), arrowprops=pointer)
    for x, y, part, counterpart, align in LABELS:
        ax.text(x, y, part, ha=align, va="bottom", fontsize=10, fontweight="bold", color=BLACK)
        ax.text(x, y - 0.05, f"↔ {counterpart}", ha=align, va="top", fontsize=10, color=BLUE)


def draw_biological_neuron() -> Figure:
    """A neuron from dendrites to axon terminals, labelled part ↔ artificial-neuron term."""
    figure = new_figure(8.6, 4.0, dpi=100)  # 826 CSS px as SVG (96 px per inch)
    ax = figure.add_axes((0.0, 0.0, 1.0, 1.0))
    ax.set_xlim(0.0, 10.0)
    ax.set_ylim(0.2, 5.4)
    ax.set_aspect("equal")
    ax.axis("off")
    _dendrites(ax)
    _soma_and_axon(ax)
    _labels(ax)
    ax.text(
        5.0,
        0.35,
        "Black: the biological part.  Blue, after ↔: what it becomes in an artificial neuron.",
        ha="center",
        va="bottom",
        fontsize=9,
        color=BLACK,  # grey text would fall just short of 4.5:1
        style="italic",
    )
    return figure
