"""A stack of `Linear` layers with no activation between them is itself one `Linear` layer.

W₂(W₁x + b₁) + b₂ = (W₂W₁)x + (W₂b₁ + b₂), so depth without non-linearity adds nothing.
"""

from __future__ import annotations

import numpy as np

from nnlib.layers import Identity, Linear
from nnlib.module import Module
from nnlib.sequential import Sequential


def _linear_layers(model: Module) -> list[Linear]:
    modules = list(model) if isinstance(model, Sequential) else [model]
    layers = []
    for index, module in enumerate(modules):
        if isinstance(module, Identity):
            continue
        if not isinstance(module, Linear):
            raise TypeError(
                f"collapse_linear needs a Linear layer or a Sequential of Linear (and Identity) "
                f"layers, got {module!r} at position {index}. A non-linear activation between "
                f"layers is exactly what stops them collapsing into one; remove it to collapse."
            )
        layers.append(module)
    if not layers:
        raise ValueError(
            "collapse_linear needs at least one Linear layer, got none. "
            "Pass e.g. Sequential(Linear(3, 4), Linear(4, 1))."
        )
    return layers


def collapse_linear(model: Module) -> Linear:
    """One Linear with W = W_k···W₂W₁ and b = W_k(···(W₂b₁ + b₂)···) + b_k; same outputs."""
    layers = _linear_layers(model)
    weight, bias = layers[0].weight.data.copy(), layers[0].bias.data.copy()
    for layer in layers[1:]:
        if layer.in_features != weight.shape[0]:
            raise ValueError(
                f"collapse_linear: {layer.location()} takes {layer.in_features} features but the "
                f"layer before it gives {weight.shape[0]}. Make consecutive sizes match."
            )
        weight = layer.weight.data @ weight
        bias = layer.weight.data @ bias + layer.bias.data
    # The initial values are overwritten at once; a fixed seed keeps even those reproducible.
    collapsed = Linear(weight.shape[1], weight.shape[0], rng=np.random.default_rng(0))
    collapsed.weight.data[...] = weight
    collapsed.bias.data[...] = bias
    return collapsed
