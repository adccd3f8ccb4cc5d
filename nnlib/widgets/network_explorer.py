"""`NetworkExplorer`: pick any weight or bias of a small network, move it, watch the whole net.

Sliders set the inputs. A click on an edge or a node picks that weight or bias (so do the three
dropdowns: layer, the neuron it feeds, and which weight or the bias); the 'value' slider shows
and sets it, and the box next to it takes an exact typed value. The diagram recolours, the node
values and the output update on every move. Reset restores the starting parameters, and the
weights can be exported and imported as JSON text.
"""

from __future__ import annotations

import html
import numbers
from typing import Any

import ipywidgets as widgets
import numpy as np
from matplotlib.text import Text

from nnlib.layers import Linear
from nnlib.neuron import format_number
from nnlib.plots import payload
from nnlib.plots.network import draw_network, update_network, update_node_values
from nnlib.plots.network_highlight import draw_highlight, place_highlight
from nnlib.plots.network_layout import network_layout
from nnlib.plots.style import new_figure
from nnlib.sequential import Sequential
from nnlib.serialize import state_dict_from_json, state_dict_to_json
from nnlib.validation import FloatArray, as_input_vector, check_index, check_range
from nnlib.widgets.base import Layer, LivePanel, button, float_slider, readout
from nnlib.widgets.json_exchange import json_box, json_buttons
from nnlib.widgets.network_words import describe_network, parameter_words
from nnlib.widgets.parameter_slider import ParameterSlider, parse_value

Range = tuple[float, float]
BIAS = -1  # the 'weight' dropdown's value for "the bias"
MAX_INPUTS = 8  # one slider per input; wider inputs belong in a data set, not on sliders
EDGE_REACH = 6.0  # CSS px: a click this close to an edge picks it
MIN_FONT_PX = 10.0  # the smallest text on the page, in CSS px
PICKS = ("layer", "neuron", "weight")


def _dropdown(description: str, **kwargs: Any) -> widgets.Dropdown:
    # Wide enough for "2: hidden layer 1 → hidden layer 2" and "weight from hidden 1 node 4".
    return widgets.Dropdown(
        description=description,
        layout=widgets.Layout(width="24em"),
        style={"description_width": "6em"},
        **kwargs,
    )


class NetworkExplorer(LivePanel):
    """Controls 'x1'…'xn', 'layer', 'neuron', 'weight', 'value', 'value_text', 'json' and the
    buttons 'reset', 'export', 'import' (also in `.buttons`), editing `.model`.

    The 'value' slider always shows the parameter picked by the dropdowns (or by a click on the
    diagram); moving it, or typing into 'value_text', writes that parameter.
    """

    def __init__(
        self,
        model: Sequential,
        *,
        x: Any = None,
        value_range: Range = (-8.0, 8.0),
        input_range: Range = (-3.0, 3.0),
    ) -> None:
        value_range = check_range(value_range, "value_range", hint="Try value_range=(-8.0, 8.0).")
        input_range = check_range(input_range, "input_range", hint="Try input_range=(-3.0, 3.0).")
        # network_layout refuses anything but Linear layers and activations, before any drawing.
        self.linears: list[Linear] = network_layout(model).linears(model)
        if self.linears[0].in_features > MAX_INPUTS:
            raise ValueError(
                f"NetworkExplorer makes one slider per input, so it takes at most {MAX_INPUTS} "
                f"inputs; this model has {self.linears[0].in_features}. Use draw_network for it."
            )
        self.x = as_input_vector(x, self.linears[0].in_features, default=0.5, owner="network")
        figure = new_figure(6.4, 3.2)
        ax = figure.add_axes((0.0, 0.0, 1.0, 0.9))
        self.artists = draw_network(model, ax, show_biases=False)
        for text in figure.findobj(Text):  # sampled diagrams label small; the page needs 10 px
            text.set_fontsize(max(float(text.get_fontsize()), MIN_FONT_PX / payload.PX_PER_POINT))
        self.model = model
        self.initial = model.state_dict()
        self.value_range = value_range
        self.highlight = draw_highlight(ax, float(np.sqrt(self.artists.nodes.get_sizes().max())))
        self.value_slider = ParameterSlider(value_range)
        self._syncing = False  # True while the panel itself sets its controls
        self.buttons = self._build_buttons()
        self.output, self.parameter, self.status = (
            readout("nnlib-output"),
            readout("nnlib-parameter"),
            readout("nnlib-status"),
        )
        super().__init__()
        self._declare_all(self._build_controls(input_range), figure)
        self.canvas.on_click(self._on_click)
        self.children = self._layout_children()

    # ----- building -------------------------------------------------------------------------

    def _build_controls(self, input_range: Range) -> dict[str, widgets.Widget]:
        controls: dict[str, widgets.Widget] = {
            f"x{i + 1}": float_slider(
                f"x{i + 1}",
                float(v),
                min(input_range[0], v),
                max(input_range[1], v),
                owner="the network's input x",
            )
            for i, v in enumerate(self.x)
        }
        names = self.artists.layout.column_names()
        layers = [(f"{k + 1}: {names[k]} → {names[k + 1]}", k) for k in range(len(self.linears))]
        controls["layer"] = _dropdown("layer", options=layers, value=0)
        controls["neuron"] = _dropdown("into neuron")
        controls["weight"] = _dropdown("parameter")
        controls["value"] = self.value_slider.slider
        controls["value_text"] = self.value_slider.box
        controls["json"] = json_box(height="8em")
        self._set_choices(controls, 0)
        # The choices follow the layer at once, before any other observer, so that a pick can
        # set layer, neuron and weight in a row (see `pick`).
        controls["layer"].observe(lambda _: self._on_layer(controls), names="value")
        return controls

    def _declare_all(self, controls: dict[str, widgets.Widget], figure: Any) -> None:
        a = self.artists
        parameters = {"edges", "nodes", "values", "text"}
        self.declare(
            {**controls, **self.buttons},
            figure,
            layers={
                "edges": Layer(self._draw_parameters, [a.edges]),  # also rings and node values
                "highlight": Layer(self._place_highlight, [self.highlight]),
                "nodes": Layer(self._draw_node_values, [a.nodes]),
                "values": Layer(lambda: None, a.value_labels or []),  # filled with the nodes
                "text": Layer(self._update_text),
            },
            feeds={
                **{name: {"nodes", "values", "text"} for name in controls if name[0] == "x"},
                **{name: {"highlight", "text"} for name in PICKS},
                "value": parameters,
                "value_text": parameters,
                "json": set(),  # typing JSON changes nothing until 'import' is pressed
                "reset": parameters,  # the pick stays; what it points at changes
                "import": parameters,
                "export": set(),
            },
        )
        self._show_picked()  # the slider starts on the first pick's value

    def _build_buttons(self) -> dict[str, widgets.Button]:
        buttons = {"reset": button("reset", "Restore the starting weights and biases")}
        buttons["reset"].on_click(lambda _: self.reset())
        return buttons | json_buttons(
            self,
            import_tooltip="Load the weights and biases from the JSON below",
            unchanged="The model is unchanged.",
            imported=lambda: f"✓ Imported {self.model.num_parameters()} parameters.",
        )

    def _layout_children(self) -> list[widgets.Widget]:
        c = self.controls
        inputs = widgets.VBox([c[name] for name in c if name[0] == "x"])
        value = widgets.HBox([c["value"], c["value_text"]])
        picker = widgets.VBox([c["layer"], c["neuron"], c["weight"], value, self.parameter])
        buttons = widgets.HBox(list(self.buttons.values()))
        top = widgets.HBox([inputs, picker])
        return [top, self.output, self.canvas, buttons, c["json"], self.status]

    # ----- the picked parameter ---------------------------------------------------------------

    @property
    def selection(self) -> tuple[int, int, int]:
        """(layer, neuron, weight) picked by the dropdowns; weight == -1 means the bias."""
        c = self.controls
        return int(c["layer"].value), int(c["neuron"].value), int(c["weight"].value)

    def pick(self, layer: int, neuron: int, weight: int) -> None:
        """Pick weight[neuron, weight] (or the bias, weight=BIAS) of Linear layer `layer`."""
        layer = check_index(layer, "layer", len(self.linears), "Linear layers")
        linear = self.linears[layer]
        neuron = check_index(neuron, "neuron", linear.out_features, "neurons in that layer")
        if not (isinstance(weight, numbers.Integral) and weight == BIAS):
            inputs = "inputs to that layer; BIAS = -1 picks the bias"
            weight = check_index(weight, "weight", linear.in_features, inputs)
        with self.hold_updates():
            for name, value in zip(PICKS, (layer, neuron, weight), strict=True):
                self.controls[name].value = value

    def _on_layer(self, controls: dict[str, widgets.Widget]) -> None:
        self._syncing = True
        try:
            self._set_choices(controls, int(controls["layer"].value))
        finally:
            self._syncing = False

    def _set_choices(self, controls: dict[str, widgets.Widget], layer: int) -> None:
        linear = self.linears[layer]
        names = self.artists.layout.column_names()
        source = "x" if layer == 0 else f"{names[layer].replace(' layer ', ' ')} node "
        neuron, weight = controls["neuron"], controls["weight"]
        keep_neuron = neuron.value if neuron.value is not None else 0
        neuron.options = [(f"{i + 1}", i) for i in range(linear.out_features)]
        neuron.value = min(keep_neuron, linear.out_features - 1)
        weight.options = [(f"weight from {source}{j + 1}", j) for j in range(linear.in_features)]
        weight.options = [*weight.options, ("bias", BIAS)]
        weight.value = 0

    def _picked(self) -> tuple[FloatArray, tuple[int, ...], str]:
        layer, row, col = self.selection
        linear = self.linears[layer]
        index = self.artists.layout.linear_indices[layer]
        if col == BIAS:
            return linear.bias.data, (row,), f"model[{index}].bias[{row}]"
        return linear.weight.data, (row, col), f"model[{index}].weight[{row}, {col}]"

    def _show_picked(self) -> None:
        """Show the picked parameter on the slider and in the box without writing it back."""
        array, where, code = self._picked()
        self._syncing = True
        try:
            self.value_slider.show(float(array[where]), code)
        finally:
            self._syncing = False

    def _on_click(self, ax: int, x: float, y: float, shift: bool) -> None:
        """A click on an edge picks its weight; a click on a hidden or output node, its bias."""
        axes = payload.geometry(self.figure)["axes"][ax]
        _, _, width, height = axes["box"]
        scale = (
            width / abs(axes["xlim"][1] - axes["xlim"][0]),
            height / abs(axes["ylim"][1] - axes["ylim"][0]),
        )
        node_radius = float(np.sqrt(self.artists.nodes.get_sizes().max())) / 2
        reach = (node_radius * payload.PX_PER_POINT + 2.0, EDGE_REACH)
        hit = self.artists.layout.parameter_at((x, y), scale, reach)
        if hit is not None:
            layer, row, col = hit
            self.pick(layer, row, BIAS if col is None else col)

    # ----- LivePanel contract -----------------------------------------------------------------

    def _on_control(self, name: str) -> None:
        if name == "value" and not self.value_slider.accept():
            return
        if not self._syncing:
            super()._on_control(name)

    def apply(self, changed: set[str]) -> None:
        """Inputs into x; 'value' or a typed value writes the picked parameter; a new pick, a
        reset or an import shows the picked parameter on the slider."""
        for i in range(len(self.x)):
            self.x[i] = self.controls[f"x{i + 1}"].value
        array, where, _ = self._picked()
        if "value_text" in changed:
            try:
                array[where] = parse_value(self.controls["value_text"].value)
            except ValueError as error:
                self.status.value = f"✗ {html.escape(str(error))}"
        elif "value" in changed:
            array[where] = float(self.controls["value"].value)
        self._show_picked()

    def describe(self) -> str:
        array, where, code = self._picked()
        layout, value = self.artists.layout, float(array[where])
        picked = parameter_words(layout, self.selection, code, value)
        return describe_network(layout, self.model, self.x, picked)

    def refresh(self) -> None:
        """Redraw everything from `.model`; call it after changing the model from code."""
        self.update({"import"})  # what an import does: the parameters changed elsewhere

    def _draw_parameters(self) -> None:
        update_network(self.artists, self.model, self.x)

    def _draw_node_values(self) -> None:
        update_node_values(self.artists, self.model, self.x)

    @property
    def parameter_text(self) -> str:
        """The picked parameter as plain text, e.g. `model[4].weight[0, 3] = −0.283`."""
        array, where, code = self._picked()
        return f"{code} = {format_number(float(array[where]))}"

    def _update_text(self) -> None:
        self.parameter.value = f"<code>{html.escape(self.parameter_text)}</code>"
        out = self.model(self.x)
        shown = ", ".join(format_number(float(v)) for v in np.atleast_1d(out))
        inputs = ", ".join(format_number(float(v)) for v in self.x)
        self.output.value = html.escape(f"output ŷ = {shown}") + f" for x = ({inputs})"

    def _place_highlight(self) -> None:
        layer, row, col = self.selection
        place_highlight(
            self.highlight, self.artists.layout, layer, row, None if col == BIAS else col
        )

    # ----- reset and JSON ---------------------------------------------------------------------

    def reset(self) -> None:
        """Restore the parameters the panel started with."""
        self.model.load_state_dict(self.initial)
        self.status.value = "Reset: every weight and bias is back to its starting value."
        self.update({"reset"})

    def export_json(self) -> str:
        """Every weight and bias as JSON text, keyed like state_dict()."""
        return state_dict_to_json(self.model.state_dict())

    def import_json(self, text: str) -> None:
        """Load weights and biases from JSON text; on any error the model is left unchanged."""
        self.model.load_state_dict(state_dict_from_json(text))
        self.update({"import"})
