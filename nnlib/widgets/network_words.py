"""The network diagram in words: what a screen reader announces for `NetworkExplorer`'s figure.

It carries the numbers a sighted learner reads off the picture: the network's shape, the input,
every drawn node's value, the picked parameter and the output.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from nnlib.neuron import format_number
from nnlib.plots.network_layout import NetworkLayout, column_values
from nnlib.sequential import Sequential

BIAS = -1


def node_name(layout: NetworkLayout, column: int, node: int) -> str:
    """'x2', 'hidden layer 1 node 3', 'the output node' or 'output node 2'."""
    if column == 0:
        return f"x{node + 1}"
    if column == len(layout.sizes) - 1:
        return "the output node" if layout.sizes[-1] == 1 else f"output node {node + 1}"
    return f"hidden layer {column} node {node + 1}"


def parameter_words(
    layout: NetworkLayout, selection: tuple[int, int, int], code: str, value: float
) -> str:
    """'the weight from x2 to hidden layer 1 node 1, model[0].weight[0, 1] = 0.513'."""
    layer, row, col = selection
    target = node_name(layout, layer + 1, row)
    if col == BIAS:
        what = f"the bias of {target}"
    else:
        what = f"the weight from {node_name(layout, layer, col)} to {target}"
    return f"{what}, {code} = {format_number(value)}"


def _numbers(values: Any, decimals: int = 3) -> str:
    return ", ".join(format_number(float(v), decimals) for v in values)


def _sampled(drawn: int, size: int) -> str:
    return "" if drawn == size else f" ({drawn} of {size} nodes drawn)"


def describe_network(layout: NetworkLayout, model: Sequential, x: Any, picked: str) -> str:
    """The aria-label of the live network diagram."""
    sizes = layout.sizes
    hidden = sizes[1:-1]
    shape = "-".join(str(n) for n in sizes)
    layers = f"{sizes[0]} inputs, "
    if len(hidden) == 1:
        layers += f"a hidden layer of {hidden[0]} nodes, "
    elif hidden:
        layers += f"hidden layers of {' and '.join(str(n) for n in hidden)} nodes, "
    layers += "1 output" if sizes[-1] == 1 else f"{sizes[-1]} outputs"
    values = column_values(model, layout, x)
    columns = layout.column_names()
    hidden_values = zip(columns[1:-1], values[1:-1], layout.shown[1:-1], strict=True)
    # Two decimals, as the diagram labels its nodes.
    shown = "".join(
        f" {name.capitalize()}{_sampled(len(s), len(v))}: {_numbers(v[s], 2)}."
        for name, v, s in hidden_values
    )
    weights = np.concatenate([m.weight.data.ravel() for m in layout.linears(model)])
    return (
        f"Diagram of a {shape} network ({layers}) for the input x = ({_numbers(values[0])})."
        f"{shown} Picked: {picked}. "
        f"{int(np.sum(weights > 0))} of {weights.size} weights are positive (blue solid edges), "
        f"{int(np.sum(weights < 0))} negative (orange dashed); thicker edges are larger. "
        f"Output ŷ = {_numbers(values[-1])}."
    )
