"""The mark on a network diagram that shows which parameter is picked.

A wide translucent band lies under the picked edge; a ring goes around the node whose bias is
picked. Nothing is shown when the picked edge or node is not among the drawn sample.
"""

from __future__ import annotations

import numpy as np
from matplotlib.axes import Axes
from matplotlib.lines import Line2D

from nnlib.plots.network_layout import NetworkLayout
from nnlib.plots.palette import HIGHLIGHT
from nnlib.validation import FloatArray


def draw_highlight(ax: Axes, node_diameter: float) -> Line2D:
    """An empty highlight on `ax`, under the edges and nodes; place it with `place_highlight`.

    node_diameter: of the diagram's nodes in points, so the ring clears a node and its bias ring.
    """
    (line,) = ax.plot([], [], color=HIGHLIGHT, alpha=0.45, linewidth=9, zorder=0.5)
    line.set_markerfacecolor("none")  # a ring: "none" is no colour
    line.set_markeredgecolor(HIGHLIGHT)
    line.set_markeredgewidth(3.0)
    line.set_markersize(node_diameter + 11.0)
    return line


def place_highlight(
    line: Line2D, layout: NetworkLayout, layer: int, row: int, col: int | None
) -> None:
    """Mark weight[row, col] of Linear layer `layer`, or its bias[row] when col is None."""
    target = _node_xy(layout, layer + 1, row)
    source = None if col is None else _node_xy(layout, layer, col)
    if target is None or (col is not None and source is None):
        line.set_data([], [])
    elif source is None:
        line.set_data([target[0]], [target[1]])
        line.set_marker("o")
        line.set_linestyle("")
    else:
        line.set_data([source[0], target[0]], [source[1], target[1]])
        line.set_marker("")
        line.set_linestyle("-")


def _node_xy(layout: NetworkLayout, column: int, node: int) -> FloatArray | None:
    slot = np.flatnonzero(layout.shown[column] == node)
    return layout.positions[column][slot[0]] if slot.size else None
