"""A `Value` graph drawn left to right: inputs on the left, the result on the right.

Each node is a box with three lines: its name and operation, its value (`data`) and its gradient
(`grad`). Each arrow carries the local derivative ∂(node at the head)/∂(node at the tail) once
backward has run: the chain rule multiplies these along every path from the result.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np
from matplotlib.axes import Axes
from matplotlib.patches import FancyArrowPatch, FancyBboxPatch
from matplotlib.path import Path
from matplotlib.text import Text

from nnlib.autograd import Value
from nnlib.neuron import format_number
from nnlib.plots.palette import BLACK, GRADIENT_TEXT, GREY, HIGHLIGHT, PALE, WHITE

BOX_WIDTH, BOX_HEIGHT = 0.58, 0.78  # in column and row units
STUB = 0.14  # the level start of each arrow, where its label sits
LEAF_FACE, NODE_FACE = PALE, WHITE  # pale sky for inputs and parameters


@dataclass
class GraphArtists:
    """What draw_graph made; nodes[i] is drawn at xy[i], edges[k] = (input index, node index)."""

    ax: Axes
    nodes: list[Value]
    xy: np.ndarray
    edges: list[tuple[int, int]]
    titles: list[Text] = field(default_factory=list)
    values: list[Text] = field(default_factory=list)
    grads: list[Text] = field(default_factory=list)
    edge_labels: list[Text] = field(default_factory=list)

    def gradient_texts(self) -> list[Text]:
        """Everything that shows a derivative: the grad lines and the arrows' labels."""
        return [*self.grads, *self.edge_labels]


def graph_layout(value: Value) -> tuple[list[Value], np.ndarray]:
    """The graph's nodes (inputs before results) and each one's (column, row).

    A result sits one column right of its furthest input; a leaf sits just left of its first
    user. Rows follow the users' rows, so a chain stays on one line and side inputs fan out.
    """
    nodes = value.graph()
    index = {id(v): i for i, v in enumerate(nodes)}
    users: list[list[tuple[int, int]]] = [[] for _ in nodes]
    column = np.zeros(len(nodes))
    for i, node in enumerate(nodes):
        for k, source in enumerate(node.inputs):
            users[index[id(source)]].append((i, k))
        if node.inputs:
            column[i] = 1 + max(column[index[id(s)]] for s in node.inputs)
    for i, node in enumerate(nodes):
        if not node.inputs and users[i]:
            column[i] = min(column[u] for u, _ in users[i]) - 1
    row = np.zeros(len(nodes))
    for c in sorted(set(column), reverse=True):
        members = [i for i in range(len(nodes)) if column[i] == c]
        targets = {i: _wanted_row(users[i], nodes, row) for i in members}
        members.sort(key=lambda i: targets[i])
        placed: list[float] = []
        for i in members:  # at least one row apart, as near the wanted row as that allows
            placed.append(targets[i] if not placed else max(targets[i], placed[-1] + 1.0))
        shift = float(np.mean([targets[i] - p for i, p in zip(members, placed, strict=True)]))
        for i, p in zip(members, placed, strict=True):
            row[i] = p + shift
    column -= column.min()
    return nodes, np.column_stack([column, row])


def _wanted_row(uses: list[tuple[int, int]], nodes: list[Value], row: np.ndarray) -> float:
    if not uses:
        return 0.0
    spread = [row[u] + k - (len(nodes[u].inputs) - 1) / 2 for u, k in uses]
    return float(np.mean(spread))


def graph_size(value: Value) -> tuple[float, float]:
    """A figure size in inches (width, height) that fits the graph with readable text."""
    _, xy = graph_layout(value)
    columns, rows = np.ptp(xy[:, 0]) + 1, np.ptp(xy[:, 1]) + 1
    return float(1.4 * columns), float(0.95 * rows + 0.45)


def draw_graph(
    value: Value, ax: Axes, *, gradients: bool | None = None, fontsize: float = 9.0
) -> GraphArtists:
    """Draw the graph that ends at `value` on `ax`, which it turns into a blank canvas.

    gradients: show each .grad and the local derivatives on the arrows; by default only once
    backward() has run from `value` (its grad is then 1), otherwise 'grad ?' stands in.
    """
    nodes, xy = graph_layout(value)
    index = {id(v): i for i, v in enumerate(nodes)}
    edges = [(index[id(s)], i) for i, node in enumerate(nodes) for s in node.inputs]
    art = GraphArtists(ax, nodes, xy, edges)
    ax.set_axis_off()
    ax.set_xlim(xy[:, 0].min() - 0.4, xy[:, 0].max() + 0.4)
    ax.set_ylim(xy[:, 1].max() + 0.55, xy[:, 1].min() - 0.5)  # row 0 at the top
    for (col, row), node in zip(xy, nodes, strict=True):
        _draw_node(art, float(col), float(row), node, node is value, fontsize)
    for start, end, below in _arrow_ends(nodes, xy, index).values():
        ax.add_patch(_arrow(start, end))
        art.edge_labels.append(_edge_label(ax, start, below, fontsize))
    update_graph(art, value, gradients=gradients)
    return art


def _draw_node(
    art: GraphArtists, col: float, row: float, node: Value, root: bool, fontsize: float
) -> None:
    art.ax.add_patch(
        FancyBboxPatch(
            (col - BOX_WIDTH / 2, row - BOX_HEIGHT / 2), BOX_WIDTH, BOX_HEIGHT,
            boxstyle="round,pad=0,rounding_size=0.06", zorder=2,
            facecolor=NODE_FACE if node.inputs else LEAF_FACE,
            edgecolor=HIGHLIGHT if root else GREY, linewidth=1.6 if root else 1.0,
        )
    )  # fmt: skip
    put: dict[str, Any] = {"ha": "center", "va": "center", "fontsize": fontsize, "zorder": 3}
    art.titles.append(art.ax.text(col, row - 0.24, _title(node), weight="bold", **put))
    art.values.append(art.ax.text(col, row, "", color=BLACK, **put))
    art.grads.append(art.ax.text(col, row + 0.24, "", color=GRADIENT_TEXT, **put))


Point = tuple[float, float]


def _arrow_ends(
    nodes: list[Value], xy: np.ndarray, index: dict[int, int]
) -> dict[tuple[int, int, int], tuple[Point, Point, bool]]:
    """(source, target, input slot) → where its arrow leaves and enters, and whether its label
    goes under the level stub (when the arrow rises, or it is the lowest of several).

    Each input enters its box at its own height, and a node used several times sends each
    arrow from its own height too, upper arrows to upper boxes, so no two arrows share a start.
    """
    slots = [
        (index[id(s)], t, k) for t, node in enumerate(nodes) for k, s in enumerate(node.inputs)
    ]
    enter = {
        (s, t, k): float(xy[t, 1] + 0.18 * (k - (len(nodes[t].inputs) - 1) / 2))
        for s, t, k in slots
    }
    leave: dict[tuple[int, int, int], float] = {}
    below: dict[tuple[int, int, int], bool] = {}  # label under its stub rather than above
    for source in {s for s, _, _ in slots}:
        uses = sorted((slot for slot in slots if slot[0] == source), key=lambda e: enter[e])
        for j, slot in enumerate(uses):
            leave[slot] = float(xy[source, 1] + 0.26 * (j - (len(uses) - 1) / 2))
            outer = {0: False, len(uses) - 1: True} if len(uses) > 1 else {}
            below[slot] = outer.get(j, enter[slot] < leave[slot])
    return {
        (s, t, k): (
            (float(xy[s, 0]) + BOX_WIDTH / 2, leave[(s, t, k)]),
            (float(xy[t, 0]) - BOX_WIDTH / 2, enter[(s, t, k)]),
            below[(s, t, k)],
        )
        for s, t, k in slots
    }


def _arrow(start: tuple[float, float], end: tuple[float, float]) -> FancyArrowPatch:
    # Out of the box level, across, and into the next box level: the level stub carries the label.
    (x0, y0), (x1, y1) = start, end
    path = Path([start, (x0 + STUB, y0), (x1 - 0.08, y1), end])
    return FancyArrowPatch(
        path=path, arrowstyle="-|>", mutation_scale=10, color=GREY, linewidth=1.0, zorder=1
    )


def _edge_label(ax: Axes, start: Point, below: bool, fontsize: float) -> Text:
    # On the level stub by the tail box, on the side its own line does not turn to.
    x, y = start[0] + 0.02, start[1] + (0.04 if below else -0.04)
    va = "top" if below else "bottom"
    return ax.text(x, y, "", color=HIGHLIGHT, fontsize=fontsize, ha="left", va=va)


def _title(node: Value) -> str:
    if not node.inputs:
        return node.label or format_number(node.data)
    return f"{node.label} ({node.op})" if node.label else node.op


def update_graph(
    artists: GraphArtists, value: Value | None = None, *, gradients: bool | None = None
) -> None:
    """Show the numbers of `value` (a graph of the same shape) or of the nodes drawn, in place."""
    nodes = artists.nodes if value is None else _same_shape(artists, value)
    root = nodes[-1]
    show = root.grad == 1.0 if gradients is None else gradients
    for node, data, grad in zip(nodes, artists.values, artists.grads, strict=True):
        data.set_text(f"data {format_number(node.data)}")
        grad.set_text(f"grad {format_number(node.grad)}" if show else "grad ?")
        grad.set_color(GRADIENT_TEXT if show else GREY)
    locals_ = [g for node in nodes for g in node.local_grads]
    for label, local in zip(artists.edge_labels, locals_, strict=True):
        label.set_text(format_number(local))
        label.set_visible(show)
    artists.nodes = nodes


def _same_shape(artists: GraphArtists, value: Value) -> list[Value]:
    nodes = value.graph()
    shape = [(n.op, len(n.inputs)) for n in nodes]
    if shape != [(n.op, len(n.inputs)) for n in artists.nodes]:
        raise ValueError(
            f"update_graph needs a graph of the same shape as the one drawn ({len(artists.nodes)} "
            f"nodes), got one with {len(nodes)} nodes or other operations. Draw the new graph "
            f"with draw_graph instead."
        )
    return nodes
