"""Where a network diagram puts its nodes and which nodes and edges it draws (no matplotlib).

A column holds the input, then one column per `Linear` layer: its output after the activations
that follow it. When a column or the edge count is too big, an evenly spaced, fixed sample is
drawn, so the same model always gives the same picture.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from itertools import pairwise
from typing import Any

import numpy as np
from numpy.typing import NDArray

from nnlib.layers import Activation, Linear
from nnlib.sequential import Sequential
from nnlib.validation import FloatArray, as_float_array, check_size

IntArray = NDArray[np.int64]
# Values to draw on the edges instead of the weights (e.g. gradients): one (out, in) array per
# Linear layer, or a dict keyed like state_dict().
EdgeValues = Sequence[Any] | Mapping[str, Any]


@dataclass(frozen=True)
class NetworkLayout:
    """Column sizes, the drawn node indices and positions, and the drawn edges of each layer.

    edges[k] = (rows, cols): weight[rows[i], cols[i]] of Linear layer k is drawn.
    """

    sizes: tuple[int, ...]
    linear_indices: tuple[int, ...]
    shown: tuple[IntArray, ...]
    positions: tuple[FloatArray, ...]
    edges: tuple[tuple[IntArray, IntArray], ...]

    @property
    def total_edges(self) -> int:
        return sum(a * b for a, b in pairwise(self.sizes))

    @property
    def drawn_edges(self) -> int:
        return sum(len(rows) for rows, _ in self.edges)

    def linears(self, model: Sequential) -> list[Linear]:
        layers = [model[i] for i in self.linear_indices]
        return [m for m in layers if isinstance(m, Linear)]

    def slot(self, column: int, nodes: IntArray) -> IntArray:
        """Positions of `nodes` (indices of the full column) among the drawn nodes."""
        return np.searchsorted(self.shown[column], nodes)

    def bias_nodes(self) -> list[tuple[int, int]]:
        """(layer, row) of every drawn non-input node, in drawing order."""
        return [(c - 1, int(r)) for c in range(1, len(self.sizes)) for r in self.shown[c]]

    def column_names(self) -> list[str]:
        hidden = [f"hidden layer {i}" for i in range(1, len(self.sizes) - 1)]
        return ["input layer", *hidden, "output layer"]

    def sampling_note(self) -> str:
        """'' when everything is drawn, else e.g. 'showing 300 of 12,960 edges; 16 of 784 …'."""
        parts = []
        if self.drawn_edges < self.total_edges:
            parts.append(f"showing {self.drawn_edges:,} of {self.total_edges:,} edges")
        for name, size, shown in zip(self.column_names(), self.sizes, self.shown, strict=True):
            if len(shown) < size:
                parts.append(f"{len(shown)} of {size:,} {name.replace(' layer', '')} nodes")
        return "; ".join(parts)

    def parameter_at(
        self,
        point: tuple[float, float],
        px_per_unit: tuple[float, float],
        reach: tuple[float, float],
    ) -> tuple[int, int, int | None] | None:
        """The drawn parameter at data `point`: (layer, row, col) of a weight, (layer, row, None)
        of a bias (its node), or None. Distances are measured on screen: px_per_unit converts
        data units to pixels along x and y; reach = (node radius, edge distance) in pixels.
        """
        scale = np.asarray(px_per_unit, dtype=np.float64)
        where = np.asarray(point, dtype=np.float64) * scale
        for column, positions in enumerate(self.positions):
            near = np.hypot(*(positions * scale - where).T) <= reach[0]
            if near.any():  # a node covers the edges that end in it
                node = int(self.shown[column][np.argmax(near)])
                return None if column == 0 else (column - 1, node, None)
        best: tuple[float, tuple[int, int, int | None]] | None = None
        for layer, (rows, cols) in enumerate(self.edges):
            start = self.positions[layer][self.slot(layer, cols)] * scale
            end = self.positions[layer + 1][self.slot(layer + 1, rows)] * scale
            distance = _distance_to_segments(where, start, end)
            nearest = int(np.argmin(distance))
            if distance[nearest] <= reach[1] and (best is None or distance[nearest] < best[0]):
                best = (float(distance[nearest]), (layer, int(rows[nearest]), int(cols[nearest])))
        return None if best is None else best[1]


def _distance_to_segments(point: FloatArray, start: FloatArray, end: FloatArray) -> FloatArray:
    """Distance from `point` (2,) to each segment start[i]–end[i] (n, 2)."""
    along = end - start
    length2 = np.maximum(np.einsum("ij,ij->i", along, along), 1e-12)
    t = np.clip(np.einsum("ij,ij->i", point - start, along) / length2, 0.0, 1.0)
    closest = start + t[:, None] * along
    return np.asarray(np.hypot(*(closest - point).T), dtype=np.float64)


def network_layout(model: Any, *, max_nodes: int = 16, max_edges: int = 300) -> NetworkLayout:
    """Lay out `model` in columns, drawing at most max_nodes per column and max_edges in all."""
    max_nodes, max_edges = check_size(max_nodes, "max_nodes"), check_size(max_edges, "max_edges")
    indices = _linear_indices(model)
    linears = [model[i] for i in indices]
    sizes = (linears[0].in_features, *(m.out_features for m in linears))
    shown = tuple(_even_sample(n, max_nodes) for n in sizes)
    tallest = max(len(s) for s in shown)
    positions = tuple(_column_positions(c, len(s), tallest) for c, s in enumerate(shown))
    candidates = [len(a) * len(b) for a, b in pairwise(shown)]
    budget = sum(candidates)
    edges = tuple(
        _edges(shown[k], shown[k + 1], max(1, max_edges * n // budget) if budget > max_edges else n)
        for k, n in enumerate(candidates)
    )
    return NetworkLayout(sizes, tuple(indices), shown, positions, edges)


def column_values(model: Sequential, layout: NetworkLayout, x: Any) -> list[FloatArray]:
    """Each column's values for one input x: (in_features,) → [x, a1, a2, …, output]."""
    inputs = as_float_array(x, "x", ndim=(1,))
    if inputs.shape != (layout.sizes[0],):
        raise ValueError(
            f"x must hold one value per input node, shape ({layout.sizes[0]},), got shape "
            f"{inputs.shape}. Pass a single sample such as {[0.5] * layout.sizes[0]}."
        )
    trace = model.trace(inputs)
    ends = [*layout.linear_indices[1:], len(model)]
    return [inputs, *(trace[end - 1].output for end in ends)]


def _linear_indices(model: Any) -> list[int]:
    if not isinstance(model, Sequential):
        raise TypeError(
            f"model must be a Sequential of Linear layers and activations, such as "
            f"Sequential(Linear(3, 4), Sigmoid(), Linear(4, 1)), got {type(model).__name__}."
        )
    indices = [i for i, m in enumerate(model) if isinstance(m, Linear)]
    for index, module in enumerate(model):
        if not isinstance(module, (Linear, Activation)):
            raise TypeError(
                f"model layer {index} is {module!r}; a network diagram can only draw Linear "
                f"layers and activations such as Sigmoid()."
            )
    if not indices:
        raise ValueError("model has no Linear layer to draw. Add one, e.g. Linear(3, 4).")
    for before, after in pairwise(indices):
        out, into = model[before].out_features, model[after].in_features  # type: ignore[attr-defined]
        if out != into:
            raise ValueError(
                f"model layer {after} expects {into} inputs but layer {before} gives {out} "
                f"outputs. Make consecutive Linear sizes match, e.g. Linear(3, {out}), "
                f"Linear({out}, 1)."
            )
    return indices


def _even_sample(size: int, limit: int) -> IntArray:
    """All of 0..size-1, or `limit` evenly spaced indices including the first and last."""
    if size <= limit:
        return np.arange(size, dtype=np.int64)
    return np.unique(np.round(np.linspace(0, size - 1, limit)).astype(np.int64))


def _column_positions(column: int, count: int, tallest: int) -> FloatArray:
    # Short columns are spread a little wider so a 1-node output sits mid-height.
    spacing = 1.0 if count == tallest or count == 1 else min(1.4, (tallest - 1) / (count - 1))
    ys = ((count - 1) / 2.0 - np.arange(count)) * spacing
    return np.column_stack([np.full(count, float(column)), ys])


def _edges(sources: IntArray, targets: IntArray, limit: int) -> tuple[IntArray, IntArray]:
    rows, cols = np.meshgrid(targets, sources, indexing="ij")
    pick = _even_sample(rows.size, limit)
    return rows.ravel()[pick], cols.ravel()[pick]


def edge_arrays(values: EdgeValues, model: Sequential, layout: NetworkLayout) -> list[FloatArray]:
    """Check `values` against the model's weights and return one (out, in) array per layer."""
    linears = layout.linears(model)
    keys = [f"{i}.weight" for i in layout.linear_indices]
    if isinstance(values, Mapping):
        missing = [k for k in keys if k not in values]
        if missing:
            raise ValueError(
                f"edge_values must have a value for every weight, missing {missing}; "
                f"expected the keys {keys}, as in model.state_dict()."
            )
        given = [values[k] for k in keys]
    elif isinstance(values, Sequence) and not isinstance(values, str):
        if len(values) != len(linears):
            raise ValueError(
                f"edge_values must hold one array per Linear layer ({len(linears)}), got "
                f"{len(values)}. Pass e.g. [layer.weight.grad for each Linear layer]."
            )
        given = list(values)
    else:
        raise TypeError(
            f"edge_values must be a list of arrays or a dict like state_dict(), got "
            f"{type(values).__name__}."
        )
    return [_edge_array(v, k, m.weight.shape) for v, k, m in zip(given, keys, linears, strict=True)]


def _edge_array(value: Any, key: str, shape: tuple[int, ...]) -> FloatArray:
    array = as_float_array(value, f"edge_values[{key!r}]", ndim=(2,))
    if array.shape != shape:
        raise ValueError(
            f"edge_values[{key!r}] must have the weight's shape {shape}, got {array.shape}. "
            f"Give one value per weight: (out_features, in_features)."
        )
    return array
