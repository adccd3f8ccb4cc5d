"""`NeuronExplorer`: drag a neuron's weights, bias and inputs and watch every number respond.

Live: the formula with the current numbers, the output, the activation curve with (z, a) marked,
and for two inputs the input plane coloured by the output with the decision line w·x + b = 0.
Moving an input only moves points; the heatmap is recomputed only when w, b or f change.
The page previews every slider move itself (canvas.js, PREVIEWS.neuron) until the kernel answers.
"""

from __future__ import annotations

import html
from typing import Any

import ipywidgets as widgets

from nnlib.activations import ACTIVATIONS
from nnlib.neuron import Explanation, Neuron, format_number
from nnlib.plots.activation import (
    curve_artists,
    draw_activation,
    point_artists,
    update_activation,
)
from nnlib.plots.neuron import FIXED_RANGES, draw_input_plane, update_input_plane
from nnlib.plots.style import new_figure
from nnlib.validation import as_input_vector, check_range
from nnlib.widgets.base import Layer, LivePanel, float_slider
from nnlib.widgets.controls import FiniteSlider
from nnlib.widgets.readouts import ReadoutGroup

Range = tuple[float, float]


MAX_INPUTS = 8  # one slider per weight and per input: more belongs in code, not on sliders
WEIGHT_HINT = "Try weight_range=(-3.0, 3.0)."
INPUT_HINT = "Try input_range=(-2.0, 2.0)."


def _slider(name: str, value: float, bounds: Range) -> FiniteSlider:
    # Widen the range rather than let the slider silently clamp a value the neuron really has.
    low, high = min(bounds[0], value), max(bounds[1], value)
    return float_slider(name, value, low, high, owner="the neuron")


def _check_neuron(neuron: Any) -> Neuron:
    if neuron is None:
        return Neuron([1.0, -1.0], 0.0, "sigmoid")
    if not isinstance(neuron, Neuron):
        raise TypeError(
            f"neuron must be an nnlib Neuron, got {type(neuron).__name__}. "
            f"Create one with Neuron([0.5, -1.0], bias=0.2, activation='sigmoid')."
        )
    if neuron.n_inputs > MAX_INPUTS:
        raise ValueError(
            f"neuron must have at most {MAX_INPUTS} inputs (NeuronExplorer makes a slider for "
            f"each weight and each input), got {neuron.n_inputs}. Explore a smaller neuron, or "
            f"call neuron.explain(x) on this one."
        )
    return neuron


class NeuronExplorer(LivePanel):
    """Controls 'w1'…'wn', 'bias', 'x1'…'xn', 'activation' editing `.neuron` on input `.x`."""

    def __init__(
        self,
        neuron: Neuron | None = None,
        x: Any = None,
        *,
        weight_range: Range = (-3.0, 3.0),
        input_range: Range = (-2.0, 2.0),
    ) -> None:
        self.neuron = _check_neuron(neuron)
        weight_range = check_range(weight_range, "weight_range", hint=WEIGHT_HINT)
        input_range = check_range(input_range, "input_range", hint=INPUT_HINT)
        n = self.neuron.n_inputs
        self.x = as_input_vector(x, n, default=1.0, owner="neuron")
        controls = self._build_controls(weight_range, input_range)
        # One widget for both lines: a move changes both, and so sends one message, not two.
        self.text = ReadoutGroup("nnlib-formula", "nnlib-output")
        self.formula, self.output = self.text.parts
        figure = new_figure(6.0 if n == 2 else 3.4, 2.6)
        axes = figure.subplots(1, 2 if n == 2 else 1, squeeze=False).ravel()
        self.curve = draw_activation(axes[0], self.neuron.activation, z=self.explanation.z)
        self.plane = None
        if n == 2:
            extent = (input_range[0], input_range[1], input_range[0], input_range[1])
            self.plane = draw_input_plane(axes[1], self.neuron, self.x, extent=extent)
            axes[1].set_title("output a over (x1, x2)", fontsize="medium")
        figure.tight_layout()
        super().__init__()
        self.declare(
            controls,
            figure,
            layers=self._layers(),
            feeds=self._feeds(),
            layout={"activation"},
            preview=self._preview(),
        )
        self.children = [self._control_box(), self.text, self.canvas]

    def _build_controls(self, weight_range: Range, input_range: Range) -> dict[str, widgets.Widget]:
        weights = self.neuron.weight.data
        controls: dict[str, widgets.Widget] = {
            f"w{i + 1}": _slider(f"w{i + 1}", float(w), weight_range) for i, w in enumerate(weights)
        }
        controls["bias"] = _slider("bias b", float(self.neuron.bias.data), weight_range)
        for i, value in enumerate(self.x):
            controls[f"x{i + 1}"] = _slider(f"x{i + 1}", float(value), input_range)
        controls["activation"] = widgets.Dropdown(
            options=list(ACTIVATIONS), value=self.neuron.activation, description="activation f"
        )
        return controls

    def _layers(self) -> dict[str, Layer]:
        layers = {
            "curve": Layer(self._update_curve, curve_artists(self.curve)),
            "point": Layer(self._update_point, point_artists(self.curve)),
            "text": Layer(self._update_text),
        }
        if self.plane is not None:
            layers["plane"] = Layer(self._update_plane, [self.plane.image, self.plane.line])
            layers["input"] = Layer(self._update_input, [self.plane.point])
        return layers

    def _feeds(self) -> dict[str, set[str]]:
        n = self.neuron.n_inputs
        plane = {"plane"} if self.plane is not None else set()
        inputs = {"input"} if self.plane is not None else set()
        feeds = {f"w{i + 1}": {"point", "text"} | plane for i in range(n)}
        feeds["bias"] = {"point", "text"} | plane
        feeds.update({f"x{i + 1}": {"point", "text"} | inputs for i in range(n)})
        feeds["activation"] = {"curve", "point", "text"} | plane
        return feeds

    def _preview(self) -> dict[str, Any]:
        """What canvas.js needs to redraw every layer from the sliders alone, as nnlib does."""
        n = self.neuron.n_inputs
        names = [f"w{i + 1}" for i in range(n)] + ["bias"] + [f"x{i + 1}" for i in range(n)]
        params: dict[str, Any] = {
            "n_inputs": n,
            "half_range": self.curve.default_half_range,
            "negative_slope": self.curve.negative_slope,
            "layers": {"curve": "curve", "point": "point"},
        }
        if self.plane is not None:
            params["layers"].update({"plane": "plane", "input": "input"})
            params["extent"] = [float(v) for v in self.plane.extent]
            params["resolution"] = self.plane.resolution
            params["fixed_ranges"] = {k: list(v) for k, v in FIXED_RANGES.items()}
        return {"kind": "neuron", "sources": [*names, "activation"], "params": params}

    def _control_box(self) -> widgets.HBox:
        n = self.neuron.n_inputs
        params = [self.controls[f"w{i + 1}"] for i in range(n)] + [self.controls["bias"]]
        inputs = [self.controls[f"x{i + 1}"] for i in range(n)] + [self.controls["activation"]]
        return widgets.HBox([widgets.VBox(params), widgets.VBox(inputs)])

    @property
    def explanation(self) -> Explanation:
        """The neuron's arithmetic on the current input x."""
        return self.neuron.explain(self.x)

    def apply(self, changed: set[str]) -> None:
        """Copy every control into the neuron and x (the sliders only ever hold finite numbers)."""
        for i in range(self.neuron.n_inputs):
            self.neuron.weight.data[i] = self.controls[f"w{i + 1}"].value
            self.x[i] = self.controls[f"x{i + 1}"].value
        self.neuron.bias.data[...] = self.controls["bias"].value
        self.neuron.activation = self.controls["activation"].value

    def describe(self) -> str:
        """The figure in words, with the numbers it shows."""
        e = self.explanation
        n = self.neuron.n_inputs
        z, a = format_number(e.z), format_number(e.a)
        text = (
            f"{e.activation} neuron with {n} input{'s' if n != 1 else ''}: z = {z}, a = {a}, "
            f"marked on the curve a = {e.symbol}(z)"
        )
        if self.plane is None:
            return text
        if not any(e.weights):
            line = "no line w·x + b = 0 (both weights are 0)"
        else:
            where = "on it" if e.z == 0 else f"on its side where z {'>' if e.z > 0 else '<'} 0"
            point = f"({format_number(e.inputs[0])}, {format_number(e.inputs[1])})"
            line = f"the line w·x + b = 0; the input x = {point} lies {where}"
        return f"{text}; the output over the (x1, x2) plane is shown as colour, with {line}"

    def _update_curve(self) -> None:
        update_activation(self.curve, name=self.neuron.activation)

    def _update_point(self) -> None:
        update_activation(self.curve, name=self.neuron.activation, z=self.explanation.z)

    def _update_plane(self) -> None:
        assert self.plane is not None
        update_input_plane(self.plane, neuron=self.neuron)

    def _update_input(self) -> None:
        assert self.plane is not None
        update_input_plane(self.plane, x=self.x)

    def _update_text(self) -> None:
        explanation = self.explanation
        self.formula.value = self._formula_html(explanation)
        z, a = format_number(explanation.z), format_number(explanation.a)
        self.output.value = f"weighted sum z = {z}, output a = <b>{a}</b>"

    def _formula_html(self, explanation: Explanation) -> str:
        n = self.neuron.n_inputs
        products = " + ".join(f"w{i + 1}·x{i + 1}" for i in range(n))
        general = f"a = {explanation.symbol}({products} + b)"
        return (
            f"<code>{html.escape(general)}</code><br><code>{html.escape(str(explanation))}</code>"
        )
