"""`ActivationExplorer`: pick an activation, slide z, and read f(z) and its slope f'(z).

The slope matters because training follows it: where f' is nearly 0 the neuron learns slowly.
"""

from __future__ import annotations

import html

import ipywidgets as widgets

from nnlib import activations
from nnlib.activations import ACTIVATIONS
from nnlib.layers import Activation, LeakyReLU, activation_module
from nnlib.neuron import format_number
from nnlib.plots.activation import (
    activation_values,
    curve_artists,
    draw_activation,
    point_artists,
    update_activation,
)
from nnlib.plots.style import new_figure
from nnlib.validation import check_between
from nnlib.widgets.base import Layer, LivePanel, float_slider, readout

MAX_HALF_RANGE = 100.0  # beyond this every activation is flat or a straight line on screen
FLAT = 0.05  # below this slope, gradient descent barely moves the weights feeding the neuron

_DEFINITIONS = {
    "sigmoid": ("σ(z) = 1 / (1 + e^(−z))", "σ'(z) = σ(z)·(1 − σ(z))"),
    "tanh": ("tanh(z) = (e^z − e^(−z)) / (e^z + e^(−z))", "tanh'(z) = 1 − tanh(z)²"),
    "relu": ("ReLU(z) = max(0, z)", "ReLU'(z) = 1 if z > 0, else 0"),
    "leaky_relu": ("LeakyReLU(z) = z if z ≥ 0, else {s}·z", "LeakyReLU'(z) = 1 if z > 0, else {s}"),
    "step": ("step(z) = 1 if z ≥ 0, else 0", "step'(z) = 0 (undefined at 0)"),
    "identity": ("id(z) = z", "id'(z) = 1"),
}


def activation_formulas(name: str, negative_slope: float = 0.01) -> tuple[str, str]:
    """The definitions of f and f' in plain text, e.g. ('ReLU(z) = max(0, z)', …)."""
    spec = activations.get_spec(name)
    slope = format_number(negative_slope)
    value, grad = _DEFINITIONS[spec.name]
    return value.format(s=slope), grad.format(s=slope)


def slope_note(name: str, z: float, grad: float) -> str:
    """A sentence about what the slope at z means for learning."""
    if abs(grad) >= FLAT:
        return "The curve has a useful slope here: training can push z either way."
    if name == "step":
        return "The step is flat everywhere, so gradient descent gets no signal from it."
    if name == "relu" and z <= 0:
        return "ReLU is flat at 0 for z ≤ 0: a neuron stuck here stops learning ('dead ReLU')."
    return "The curve is nearly flat here (saturated): learning through this neuron is slow."


class ActivationExplorer(LivePanel):
    """Controls 'activation', 'z' and 'negative_slope'; `.module` is the chosen activation."""

    def __init__(
        self, activation: str = "sigmoid", z: float = 1.0, half_range: float = 6.0
    ) -> None:
        activation = activations.get_spec(activation).name
        half_range = check_between(
            half_range,
            "half_range",
            0.5,
            MAX_HALF_RANGE,
            hint=("It sets the z slider's ends ±half_range; try half_range=6.0."),
        )
        z = check_between(
            z,
            "z",
            -half_range,
            half_range,
            hint=("z must lie on the slider, from −half_range to half_range; widen half_range."),
        )
        controls = {
            "activation": widgets.Dropdown(
                options=list(ACTIVATIONS),
                value=activation,
                description="activation f",
            ),
            "z": float_slider("z", z, -half_range, half_range, owner="the point on the curve"),
            "negative_slope": float_slider(
                "leaky slope", 0.1, 0.0, 0.5, step=0.01, owner="the LeakyReLU module"
            ),
        }
        leaky = activation == "leaky_relu"
        self.module: Activation = LeakyReLU(0.1) if leaky else activation_module(activation)
        controls["negative_slope"].disabled = not leaky
        self.formula = readout("nnlib-formula")
        self.output = readout("nnlib-output")
        self.note = readout("nnlib-note")
        figure = new_figure(5.0, 2.6)
        self.curve = draw_activation(
            figure.add_subplot(),
            activation,
            z=z,
            derivative=True,
            half_range=half_range + 0.5,  # a margin, so the slider's ends never widen the axis
            negative_slope=0.1,
        )
        figure.tight_layout()
        super().__init__()
        everything = {"curves", "point", "text"}
        self.declare(
            controls,
            figure,
            layers={
                "curves": Layer(self._update_curves, curve_artists(self.curve)),
                "point": Layer(self._update_point, point_artists(self.curve)),
                "text": Layer(self._update_text),
            },
            feeds={"activation": everything, "negative_slope": everything, "z": {"point", "text"}},
            layout={"activation"},
            preview={"kind": "activation", "sources": ["z", "activation", "negative_slope"]},
        )
        row = widgets.HBox([controls["activation"], controls["z"], controls["negative_slope"]])
        self.children = [row, self.formula, self.output, self.note, self.canvas]

    @property
    def name(self) -> str:
        return activations.get_spec(self.controls["activation"].value).name

    @property
    def z(self) -> float:
        return float(self.controls["z"].value)

    @property
    def negative_slope(self) -> float:
        return float(self.controls["negative_slope"].value)

    def apply(self, changed: set[str]) -> None:
        """A new activation or slope builds a new module; z alone changes nothing stored."""
        if changed & {"activation", "negative_slope"}:
            if self.name == "leaky_relu":
                self.module = LeakyReLU(self.negative_slope)
            else:
                self.module = activation_module(self.name)
            self.controls["negative_slope"].disabled = self.name != "leaky_relu"

    def values(self) -> tuple[float, float]:
        """(f(z), f'(z)) at the current z."""
        value, grad = activation_values(self.name, self.z, self.negative_slope)
        return float(value), float(grad)

    def describe(self) -> str:
        a, g = self.values()
        return (
            f"{self.name} curve and its slope; the current point is z = {format_number(self.z)}, "
            f"a = {format_number(a)}, slope {format_number(g)}"
        )

    def _update_curves(self) -> None:
        update_activation(self.curve, name=self.name, negative_slope=self.negative_slope)

    def _update_point(self) -> None:
        update_activation(self.curve, z=self.z)

    def _update_text(self) -> None:
        a, g = self.values()
        f_text, grad_text = activation_formulas(self.name, self.negative_slope)
        self.formula.value = (
            f"<code>{html.escape(f_text)}</code><br><code>{html.escape(grad_text)}</code>"
        )
        symbol = activations.get_spec(self.name).symbol
        z = format_number(self.z)
        self.output.value = (
            f"z = {z}: {symbol}({z}) = <b>{format_number(a)}</b>, "
            f"slope {symbol}'({z}) = <b>{format_number(g)}</b>"
        )
        self.note.value = html.escape(slope_note(self.name, self.z, g))
