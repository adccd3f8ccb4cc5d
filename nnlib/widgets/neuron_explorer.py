"""`NeuronExplorer`: drag a neuron's weights, bias and inputs and watch every number respond.

Live: the formula with the current numbers, the output, the activation curve with (z, a) marked,
and for two inputs the input plane coloured by the output with the decision line w·x + b = 0.
Moving an input only moves points; the heatmap is recomputed only when w, b or f change.
"""

from __future__ import annotations

import html
from typing import Any

import ipywidgets as widgets
from matplotlib.artist import Artist

from nnlib.activations import ACTIVATIONS
from nnlib.neuron import Explanation, Neuron, format_number
from nnlib.plots.activation import (
    curve_artists,
    draw_activation,
    point_artists,
    update_activation,
)
from nnlib.plots.blit import Blitter
from nnlib.plots.neuron import draw_input_plane, update_input_plane
from nnlib.plots.style import new_figure
from nnlib.validation import as_input_vector
from nnlib.widgets.base import float_slider, readout
from nnlib.widgets.png_panel import PngPanel as LivePanel

Range = tuple[float, float]


def _slider(name: str, value: float, bounds: Range) -> widgets.FloatSlider:
    # Widen the range rather than let the slider silently clamp a value the neuron really has.
    return float_slider(name, value, min(bounds[0], value), max(bounds[1], value))


def _check_neuron(neuron: Any) -> Neuron:
    if neuron is None:
        return Neuron([1.0, -1.0], 0.0, "sigmoid")
    if not isinstance(neuron, Neuron):
        raise TypeError(
            f"neuron must be an nnlib Neuron, got {type(neuron).__name__}. "
            f"Create one with Neuron([0.5, -1.0], bias=0.2, activation='sigmoid')."
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
        n = self.neuron.n_inputs
        self.x = as_input_vector(x, n, default=1.0, owner="neuron")
        controls = self._build_controls(weight_range, input_range)
        self.formula = readout("nnlib-formula")
        self.output = readout("nnlib-output")
        figure = new_figure(6.0 if n == 2 else 3.4, 2.6, dpi=80)
        axes = figure.subplots(1, 2 if n == 2 else 1, squeeze=False).ravel()
        explanation = self.explanation
        self.curve = draw_activation(axes[0], self.neuron.activation, z=explanation.z)
        self.plane = None
        if n == 2:
            extent = (input_range[0], input_range[1], input_range[0], input_range[1])
            self.plane = draw_input_plane(axes[1], self.neuron, self.x, extent=extent)
            axes[1].set_title("output a over (x1, x2)", fontsize="medium")
        figure.tight_layout()
        slow: list[Artist] = [*curve_artists(self.curve)]
        moving: list[Artist] = [*point_artists(self.curve)]
        if self.plane is not None:
            slow += [self.plane.image, self.plane.line]
            moving += [self.plane.point]
        self.blitter = Blitter(figure, moving, slow)
        super().__init__(controls, figure, [])
        self.children = [self._control_box(), self.formula, self.output, self.image]
        self._plane_stale = False
        self.refresh()

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
        """Copy every control into the neuron and x; mark the heatmap stale if w, b or f moved."""
        for i in range(self.neuron.n_inputs):
            self.neuron.weight.data[i] = self.controls[f"w{i + 1}"].value
            self.x[i] = self.controls[f"x{i + 1}"].value
        self.neuron.bias.data[...] = self.controls["bias"].value
        self.neuron.activation = self.controls["activation"].value
        if any(not name.startswith("x") for name in changed):
            self._plane_stale = True

    def refresh(self) -> None:
        """Redraw and push the picture, redrawing the axes themselves only when they change."""
        slow_changed = self._plane_stale  # redraw() clears it
        self.redraw()
        self.image.value = self.blitter.render_png(slow_changed)

    def redraw(self) -> None:
        explanation = self.explanation
        self.formula.value = self._formula_html(explanation)
        z, a = format_number(explanation.z), format_number(explanation.a)
        self.output.value = f"weighted sum z = {z}, output a = <b>{a}</b>"
        update_activation(self.curve, name=self.neuron.activation, z=explanation.z)
        if self.plane is not None:
            update_input_plane(
                self.plane, neuron=self.neuron if self._plane_stale else None, x=self.x
            )
        self._plane_stale = False

    def _formula_html(self, explanation: Explanation) -> str:
        n = self.neuron.n_inputs
        products = " + ".join(f"w{i + 1}·x{i + 1}" for i in range(n))
        general = f"a = {explanation.symbol}({products} + b)"
        return (
            f"<code>{html.escape(general)}</code><br><code>{html.escape(str(explanation))}</code>"
        )
