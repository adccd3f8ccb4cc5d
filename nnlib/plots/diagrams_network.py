"""The 3-4-4-1 network diagram for notebooks/images/, drawn from a live model by draw_network."""

from __future__ import annotations

import numpy as np
from matplotlib.figure import Figure

from nnlib.layers import Linear, Sigmoid
from nnlib.plots.network import draw_network
from nnlib.plots.style import new_figure
from nnlib.sequential import Sequential


def network_3441_figure(seed: int = 4) -> Figure:
    """The series' 3-4-4-1 diagram, drawn from a seeded Sequential with sigmoid activations."""
    rng = np.random.default_rng(seed)
    layers = [Linear(3, 4, rng=rng), Linear(4, 4, rng=rng), Linear(4, 1, rng=rng)]
    model = Sequential(layers[0], Sigmoid(), layers[1], Sigmoid(), layers[2], Sigmoid())
    figure = new_figure(7.0, 3.6, dpi=100)
    draw_network(model, figure.add_axes((0.0, 0.0, 1.0, 0.92)))
    return figure
