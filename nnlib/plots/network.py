"""A node-and-edge diagram of a `Sequential`, drawn from the live model and updated in place.

Edge colour gives the sign of a weight (blue solid for positive, orange dashed for negative, so
the sign never rests on colour alone) and edge width its size. Each non-input node shows its bias;
given an input, each node is filled by and labelled with its activation. Big networks are drawn
from a fixed, evenly spaced sample of nodes and edges, and the figure says how much it shows.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
from matplotlib.axes import Axes
from matplotlib.collections import LineCollection, PathCollection
from matplotlib.colors import Normalize
from matplotlib.figure import Figure
from matplotlib.legend import Legend
from matplotlib.lines import Line2D
from matplotlib.text import Text
from matplotlib.transforms import ScaledTranslation

from nnlib.plots.network_layout import (
    EdgeValues,
    NetworkLayout,
    column_values,
    edge_arrays,
    network_layout,
)
from nnlib.plots.palette import (
    BLACK,
    GREY,
    NEGATIVE,
    NEGATIVE_STYLE,
    OUTPUT_CMAP,
    POSITIVE,
    POSITIVE_STYLE,
    WHITE,
)
from nnlib.plots.static import SMALLEST_POINTS
from nnlib.sequential import Sequential
from nnlib.validation import FloatArray

MIN_WIDTH, MAX_WIDTH = 0.4, 4.0
BIG_MAX_WIDTH = 2.0  # sampled diagrams carry many edges, so thick ones would hide the rest
# Node fills come from the output map, whose every colour keeps black labels at 4.5:1 or more.
NODE_NORM = Normalize(vmin=-1.6, vmax=1.6, clip=True)
NODE_CMAP = OUTPUT_CMAP
NODE_AREA, BIG_NODE_AREA = 740.0, 90.0  # points²: −0.50 at LABEL_SIZE fits inside the ring
# 7.5 pt = 10.4 CSS px, the smallest text any figure draws: −0.50 fits inside a node.
LABEL_SIZE = BIG_LABEL_SIZE = BIAS_LABEL_SIZE = SMALLEST_POINTS


@dataclass
class NetworkArtists:
    """Everything `draw_network` drew, kept so `update_network` can change it in place.

    Nodes are one scatter, column after column; edges are one LineCollection, layer after layer.
    """

    layout: NetworkLayout
    nodes: PathCollection
    edges: LineCollection
    value_labels: list[Text] | None  # one centred label per drawn node, in `nodes` order
    bias_texts: list[Text]
    layer_texts: list[Text]
    note: Text | None
    legend: Legend
    weight_scale: float
    max_width: float

    def node_slice(self, column: int) -> slice:
        """Where column `column`'s drawn nodes sit in `nodes` and `value_labels`."""
        start = sum(len(s) for s in self.layout.shown[:column])
        return slice(start, start + len(self.layout.shown[column]))

    def edge_slice(self, layer: int) -> slice:
        """Where the drawn edges of Linear layer `layer` (0, 1, …) sit in `edges`."""
        start = sum(len(rows) for rows, _ in self.layout.edges[:layer])
        return slice(start, start + len(self.layout.edges[layer][0]))

    def edge_position(self, layer: int, row: int, col: int) -> int | None:
        """Index in `edges` of weight[row, col] of Linear layer `layer`, or None if not drawn."""
        rows, cols = self.layout.edges[layer]
        hits = np.flatnonzero((rows == row) & (cols == col))
        return int(self.edge_slice(layer).start + hits[0]) if hits.size else None

    def bias_position(self, layer: int, row: int) -> int | None:
        """Index in `bias_texts` of bias[row] of Linear layer `layer`, or None if not drawn."""
        hits = np.flatnonzero(self.layout.shown[layer + 1] == row)
        if not hits.size:
            return None
        return sum(len(s) for s in self.layout.shown[1 : layer + 1]) + int(hits[0])


def draw_network(
    model: Sequential,
    ax: Axes,
    *,
    x: Any = None,
    max_nodes: int = 16,
    max_edges: int = 300,
    show_values: bool | None = None,
    show_biases: bool | None = None,
    edge_values: EdgeValues | None = None,
    edge_label: str = "weight",
) -> NetworkArtists:
    """Draw `model` (Linear layers with activations between them) on `ax`; x: (in_features,).

    Each bias is the ring around its node (blue solid +, orange dashed −, thicker = bigger);
    show_values / show_biases add number labels (default: when no column has over 8 nodes).
    """
    layout = network_layout(model, max_nodes=max_nodes, max_edges=max_edges)
    big = max(len(s) for s in layout.shown) > 8
    ax.set_axis_off()
    ax.spines[:].set_visible(False)
    _set_limits(ax, layout)
    edges = LineCollection(_segments(layout), zorder=1, capstyle="round")
    ax.add_collection(edges)
    font = SMALLEST_POINTS if big else 8
    nodes, values = _draw_nodes(ax, layout, big, show_values)
    biases = (
        _bias_texts(ax, layout, BIG_NODE_AREA if big else NODE_AREA)
        if show_biases or (show_biases is None and not big)
        else []
    )
    _input_names(ax, layout, font)
    weights = [m.weight.data for m in layout.linears(model)]
    scale = max(float(max(np.abs(w).max() for w in weights)), 1e-12)
    artists = NetworkArtists(
        layout,
        nodes,
        edges,
        values,
        biases,
        _layer_texts(ax, layout),
        _note(ax, layout),
        _legend(ax),
        scale,
        BIG_MAX_WIDTH if big else MAX_WIDTH,
    )
    update_network(artists, model, x, edge_values=edge_values, edge_label=edge_label)
    return artists


def update_network(
    artists: NetworkArtists,
    model: Sequential,
    x: Any = None,
    *,
    edge_values: EdgeValues | None = None,
    edge_label: str = "weight",
) -> None:
    """Recolour edges, biases and nodes in place from `model`, or edges from `edge_values`.

    edge_values: one array per Linear layer shaped like its weight (out, in), or a dict keyed
    like state_dict ('0.weight', …); for example gradients, drawn at their own scale.
    """
    layout = artists.layout
    linears = layout.linears(model)
    if edge_values is None:
        arrays, scale = [m.weight.data for m in linears], artists.weight_scale
    else:
        arrays = edge_arrays(edge_values, model, layout)
        scale = max(float(max(np.abs(a).max() for a in arrays)), 1e-12)
    _style_edges(artists.edges, layout, arrays, scale, artists.max_width)
    biases = np.array([linears[layer].bias.data[row] for layer, row in layout.bias_nodes()])
    _style_rings(artists.nodes, len(layout.shown[0]), biases, artists.weight_scale)
    for text, bias in zip(artists.bias_texts, biases, strict=False):
        text.set_text("b=" + _short(float(bias)))
    update_node_values(artists, model, x)
    for handle, sign in zip(artists.legend.get_texts(), ("positive", "negative"), strict=False):
        handle.set_text(f"{sign} {edge_label}")


def weight_gradients(model: Sequential) -> list[FloatArray]:
    """dLoss/dW of every Linear layer, in order: pass as `edge_values` to draw gradients."""
    return [m.weight.grad for m in network_layout(model).linears(model)]


def _draw_nodes(
    ax: Axes, layout: NetworkLayout, big: bool, show_values: bool | None
) -> tuple[PathCollection, list[Text] | None]:
    xy = np.concatenate(layout.positions)
    nodes = ax.scatter(
        xy[:, 0], xy[:, 1], s=BIG_NODE_AREA if big else NODE_AREA, zorder=2, edgecolors=BLACK,
        linewidths=0.8,
    )  # fmt: skip
    if not (show_values or (show_values is None and not big)):
        return nodes, None
    size = BIG_LABEL_SIZE if big else LABEL_SIZE
    return nodes, [_text(ax, point, "", size, "center", "center") for point in xy]


def _style_edges(
    edges: LineCollection,
    layout: NetworkLayout,
    arrays: list[FloatArray],
    scale: float,
    max_width: float,
) -> None:
    """Width grows with |value| up to max_width at |value| = scale; dashes mark negatives."""
    drawn = np.concatenate(
        [a[rows, cols] for a, (rows, cols) in zip(arrays, layout.edges, strict=True)]
    )
    magnitude = np.minimum(np.abs(drawn) / scale, 1.0)
    negative = drawn < 0
    edges.set_color(np.where(negative, NEGATIVE, POSITIVE).tolist())
    edges.set_linewidth(MIN_WIDTH + (max_width - MIN_WIDTH) * magnitude)
    edges.set_linestyle([NEGATIVE_STYLE if n else POSITIVE_STYLE for n in negative])


def _style_rings(nodes: PathCollection, inputs: int, biases: FloatArray, scale: float) -> None:
    magnitude = np.minimum(np.abs(biases) / scale, 1.0)
    colours = [BLACK] * inputs + np.where(biases < 0, NEGATIVE, POSITIVE).tolist()
    nodes.set_edgecolor(colours)
    nodes.set_linewidth([0.8] * inputs + (0.8 + 2.2 * magnitude).tolist())
    rings = [NEGATIVE_STYLE if b < 0 else POSITIVE_STYLE for b in biases]
    nodes.set_linestyle([POSITIVE_STYLE] * inputs + rings)


def update_node_values(artists: NetworkArtists, model: Sequential, x: Any = None) -> None:
    """Fill each node with its value for input x, and label it; x=None leaves them blank."""
    layout = artists.layout
    if x is None:
        artists.nodes.set_facecolor(WHITE)
        for label in artists.value_labels or []:
            label.set_text("")
        return
    values = column_values(model, layout, x)
    drawn = np.concatenate([v[s] for v, s in zip(values, layout.shown, strict=True)])
    artists.nodes.set_facecolor(NODE_CMAP(NODE_NORM(drawn)))
    for label, value in zip(artists.value_labels or [], drawn, strict=False):
        label.set_text(_short(float(value)))


def _short(value: float) -> str:
    """At most four digits and a sign (−0.50, −12.5, 125), so a label fits inside its node."""
    size = abs(value)
    text = f"{value:.2f}" if size < 9.995 else f"{value:.1f}" if size < 99.95 else f"{value:.3g}"
    return text.replace("-", "−")


def _text(ax: Axes, xy: Any, text: str, size: float, ha: str, va: str, z: int = 3) -> Text:
    return ax.text(xy[0], xy[1], text, fontsize=size, ha=ha, va=va, zorder=z, color=BLACK)


def _segments(layout: NetworkLayout) -> list[FloatArray]:
    segments: list[FloatArray] = []
    for layer, (rows, cols) in enumerate(layout.edges):
        src = layout.positions[layer][layout.slot(layer, cols)]
        dst = layout.positions[layer + 1][layout.slot(layer + 1, rows)]
        segments.extend(np.stack([src, dst], axis=1))
    return segments


def _bias_texts(ax: Axes, layout: NetworkLayout, area: float) -> list[Text]:
    # Just above the node's ring, whatever the figure's size: the offset is in points.
    radius = np.sqrt(area) / 2 + 1.5 + 1.0  # the node, the outer half of its widest ring, a gap
    figure = ax.figure
    assert isinstance(figure, Figure)
    above = ax.transData + ScaledTranslation(
        0.25 * radius / 72, radius / 72, figure.dpi_scale_trans
    )
    texts = []
    for positions in layout.positions[1:]:
        for px, py in positions:
            text = _text(ax, (px, py), "", BIAS_LABEL_SIZE, "left", "bottom", z=4)
            text.set_transform(above)
            # An opaque white box, over the edges: the label never reads across a line.
            text.set_bbox({"facecolor": WHITE, "edgecolor": "none", "pad": 0.5})
            texts.append(text)
    return texts


def _input_names(ax: Axes, layout: NetworkLayout, font: float) -> None:
    for (px, py), index in zip(layout.positions[0], layout.shown[0], strict=True):
        _text(ax, (px - 0.17, py), f"x{index + 1}", font, "right", "center")
    for (px, py), index in zip(layout.positions[-1], layout.shown[-1], strict=True):
        name = "ŷ" if layout.sizes[-1] == 1 else f"ŷ{index + 1}"
        _text(ax, (px + 0.17, py), name, font, "left", "center")


def _layer_texts(ax: Axes, layout: NetworkLayout) -> list[Text]:
    # x in data units, y in axes units: the labels sit along the bottom edge at any height.
    where = ax.get_xaxis_transform()
    texts = []
    for column, name in enumerate(layout.column_names()):
        size, shown = layout.sizes[column], len(layout.shown[column])
        nodes = "1 node" if size == 1 else f"{size:,} nodes"
        count = nodes if shown == size else f"{shown} of {size:,} shown"
        label = f"{name}\n({count})"
        texts.append(
            ax.text(column, 0.0, label, transform=where, fontsize=8, ha="center", va="bottom")
        )
    return texts


def _note(ax: Axes, layout: NetworkLayout) -> Text | None:
    note = layout.sampling_note()
    if not note:
        return None
    return ax.text(1.0, 1.0, note, transform=ax.transAxes, fontsize=8, ha="right", va="bottom")


def _legend(ax: Axes) -> Legend:
    handles = [
        Line2D([], [], color=POSITIVE, linewidth=2.0, linestyle=POSITIVE_STYLE),
        Line2D([], [], color=NEGATIVE, linewidth=2.0, linestyle=NEGATIVE_STYLE),
        Line2D([], [], color=GREY, marker="o", markerfacecolor=WHITE, linestyle=""),
    ]
    return ax.legend(
        handles,
        ["positive weight", "negative weight", "ring = bias"],
        loc="lower left",
        bbox_to_anchor=(0.0, 1.0),
        ncols=3,
        fontsize=8,
        frameon=False,
        borderaxespad=0.0,
    )


def _set_limits(ax: Axes, layout: NetworkLayout) -> None:
    top = max(float(p[:, 1].max()) for p in layout.positions) + 0.6
    ax.set_xlim(-0.5, len(layout.sizes) - 0.5)
    # The bottom 16 % of the axes is kept free for the layer labels.
    ax.set_ylim(-top - 0.16 * 2 * top / 0.84, top)
