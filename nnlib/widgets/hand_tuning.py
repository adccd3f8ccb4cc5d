"""`HandTuner`: set one neuron's weights and bias by hand and read off the loss you reach.

The neuron starts from weights drawn from a seed, so gradient descent can later start from the
very same place and the two results can be compared fairly.
"""

from __future__ import annotations

from typing import Any

import ipywidgets as widgets
import numpy as np

from nnlib.losses import BCELoss
from nnlib.metrics import accuracy
from nnlib.neuron import Neuron
from nnlib.plots.style import new_figure
from nnlib.plots.training import draw_decision_boundary, update_decision_boundary
from nnlib.validation import FloatArray, as_float_array, check_seed
from nnlib.widgets.base import Layer, LivePanel, float_slider, readout

MAX_POINTS = 10_000  # every move recomputes the loss on all of them
LIMIT = 8.0  # slider range ±LIMIT: wide enough to reach a steep boundary


def seeded_neuron(seed: int) -> Neuron:
    """A 2-input sigmoid neuron with w1, w2, b drawn uniformly from [−1, 1] by `seed`."""
    w1, w2, b = np.random.default_rng(check_seed(seed)).uniform(-1.0, 1.0, size=3)
    return Neuron([w1, w2], b, "sigmoid")


def _check_data(X: Any, y: Any) -> tuple[FloatArray, FloatArray]:
    inputs = as_float_array(X, "X", ndim=(2,))
    labels = as_float_array(y, "y", ndim=(1, 2)).reshape(-1)
    if inputs.shape[1] != 2 or not 1 <= len(inputs) <= MAX_POINTS:
        raise ValueError(
            f"X must hold from 1 to {MAX_POINTS:,} points with 2 features each (the neuron has "
            f"inputs x1 and x2), got shape {inputs.shape}. Pass a data set such as "
            f"make_moons(120, 0.15, rng=rng)."
        )
    if not np.isin(labels, (0.0, 1.0)).all():
        raise ValueError(
            f"y must hold the labels 0 and 1, got {labels[~np.isin(labels, (0.0, 1.0))][0]:g}. "
            f"Pass the class of each point as 0 or 1."
        )
    if len(labels) != len(inputs):
        raise ValueError(
            f"X and y must have one row per sample, got {len(inputs)} rows in X and "
            f"{len(labels)} labels in y. Pass the inputs and labels of the same data set."
        )
    return inputs, labels


class HandTuner(LivePanel):
    """Controls 'w1', 'w2', 'bias' editing `.neuron`; `.loss` is its BCE loss on (X, y)."""

    def __init__(self, X: Any, y: Any, seed: int = 0) -> None:
        self.X, self.y = _check_data(X, y)
        self.neuron = seeded_neuron(seed)
        self.loss_fn = BCELoss()
        # The sliders show two decimals: the neuron uses those very values from the start.
        w1, w2 = (round(float(w), 2) for w in self.neuron.weight.data)
        self.neuron.weight.data[:] = [w1, w2]
        bias = round(float(self.neuron.bias.data), 2)
        self.neuron.bias.data[...] = bias
        controls = {
            "w1": float_slider("w1", w1, -LIMIT, LIMIT, owner="the neuron"),
            "w2": float_slider("w2", w2, -LIMIT, LIMIT, owner="the neuron"),
            "bias": float_slider("bias b", bias, -LIMIT, LIMIT, owner="the neuron"),
        }
        self.readout = readout("nnlib-loss")
        figure = new_figure(4.0, 3.3)
        self.boundary = draw_decision_boundary(
            figure.add_subplot(), self.neuron, self.X, self.y, resolution=50
        )
        figure.tight_layout(pad=0.5)
        b = self.boundary
        super().__init__()
        self.declare(
            controls,
            figure,
            layers={
                "boundary": Layer(self._update_boundary, [b.image, b.contour]),
                "data": Layer(lambda: None, [b.class0, b.class1]),  # the points never move
                "text": Layer(self._update_text),
            },
            feeds={name: {"boundary", "text"} for name in controls},
        )
        self.children = [widgets.VBox(list(controls.values())), self.readout, self.canvas]

    @property
    def loss(self) -> float:
        """The binary cross-entropy of the neuron's outputs against the labels."""
        return self.loss_fn(self.neuron(self.X), self.y)

    @property
    def accuracy(self) -> float:
        """Fraction of the points on the side of the p = 0.5 line their label asks for."""
        return accuracy(self.neuron(self.X), self.y)

    def apply(self, changed: set[str]) -> None:
        """Copy the sliders into the neuron (the rounded slider values are the ones used)."""
        self.neuron.weight.data[:] = [self.controls["w1"].value, self.controls["w2"].value]
        self.neuron.bias.data[...] = self.controls["bias"].value

    def describe(self) -> str:
        w1, w2 = self.neuron.weight.data
        return (
            f"sigmoid output p over the plane (x1, x2) with w1 = {w1:.2f}, w2 = {w2:.2f}, "
            f"b = {float(self.neuron.bias.data):.2f}, the line p = 0.5 and {len(self.X)} data "
            f"points: loss {self.loss:.4f}, accuracy {100 * self.accuracy:.1f}%"
        )

    def _update_boundary(self) -> None:
        update_decision_boundary(self.boundary, self.neuron)

    def _update_text(self) -> None:
        self.readout.value = f"loss {self.loss:.4f} · accuracy {100 * self.accuracy:.1f}%"
