"""`NetworkExplorer`: pick any weight or bias of a small network, move it, watch the whole net.

Sliders set the inputs; three dropdowns pick one parameter (layer, the neuron it feeds, and
which weight or the bias) and the 'value' slider shows and sets it. The diagram recolours, the
node values and the output update on every move. Reset restores the starting parameters, and the
weights can be exported and imported as JSON text.
"""

from __future__ import annotations

import html
from typing import Any

import ipywidgets as widgets
import numpy as np
from matplotlib.axes import Axes

from nnlib.layers import Linear
from nnlib.neuron import format_number
from nnlib.plots.blit import Blitter
from nnlib.plots.network import draw_network, update_network
from nnlib.plots.style import HIGHLIGHT, new_figure
from nnlib.sequential import Sequential
from nnlib.serialize import state_dict_from_json, state_dict_to_json
from nnlib.validation import FloatArray, as_input_vector
from nnlib.widgets.base import button, float_slider, grid_through, readout, widened
from nnlib.widgets.png_panel import PngPanel as LivePanel

Range = tuple[float, float]
BIAS = -1  # the 'weight' dropdown's value for "the bias"
MAX_INPUTS = 8  # one slider per input; wider inputs belong in a data set, not on sliders
QUIET = {"json"}  # typing JSON changes nothing until 'import' is pressed


def _dropdown(description: str, **kwargs: Any) -> widgets.Dropdown:
    # Wide enough for "2: hidden layer 1 → hidden layer 2" and "weight from hidden 1 node 4".
    return widgets.Dropdown(
        description=description,
        layout=widgets.Layout(width="24em"),
        style={"description_width": "6em"},
        **kwargs,
    )


class NetworkExplorer(LivePanel):
    """Controls 'x1'…'xn', 'layer', 'neuron', 'weight', 'value', 'json' editing `.model`.

    Buttons: 'reset', 'export', 'import' (in `.buttons`). The 'value' slider always shows the
    parameter picked by the three dropdowns; moving it writes that parameter.
    """

    def __init__(
        self,
        model: Sequential,
        *,
        x: Any = None,
        value_range: Range = (-8.0, 8.0),
        input_range: Range = (-3.0, 3.0),
    ) -> None:
        figure = new_figure(6.4, 3.2, dpi=72)
        self.artists = draw_network(model, figure.add_axes((0.0, 0.0, 1.0, 0.9)), show_biases=False)
        self.model = model
        self.linears: list[Linear] = self.artists.layout.linears(model)
        if self.linears[0].in_features > MAX_INPUTS:
            raise ValueError(
                f"NetworkExplorer makes one slider per input, so it takes at most {MAX_INPUTS} "
                f"inputs; this model has {self.linears[0].in_features}. Use draw_network for it."
            )
        self.x = as_input_vector(x, self.linears[0].in_features, default=0.5, owner="network")
        self.initial = model.state_dict()
        self.value_range = value_range
        self.highlight = self._draw_highlight()
        update_network(self.artists, model, self.x)
        # Edges and the highlight change only with the parameters or the pick, so moving an
        # input slider redraws just the nodes and their numbers over a cached picture.
        a = self.artists
        labels = [] if a.value_labels is None else [a.value_labels]
        self.blitter = Blitter(figure, [a.nodes, *labels], [self.highlight, a.edges])
        self._syncing = False
        self._edges_stale = True
        self._pushed: list[float] = []  # values sent to the browser's 'value' slider
        controls = self._build_controls(input_range)
        self.buttons = self._build_buttons()
        # Text readouts carry classes so browser tests can find them.
        self.output, self.parameter, self.status = (
            readout("nnlib-output"),
            readout("nnlib-parameter"),
            readout("nnlib-status"),
        )
        super().__init__(controls, figure, [])
        self.children = self._layout_children()
        self.refresh()

    # ----- building -------------------------------------------------------------------------

    def _build_controls(self, input_range: Range) -> dict[str, widgets.Widget]:
        controls: dict[str, widgets.Widget] = {
            f"x{i + 1}": float_slider(
                f"x{i + 1}", float(v), min(input_range[0], v), max(input_range[1], v)
            )
            for i, v in enumerate(self.x)
        }
        names = self.artists.layout.column_names()
        layers = [(f"{k + 1}: {names[k]} → {names[k + 1]}", k) for k in range(len(self.linears))]
        controls["layer"] = _dropdown("layer", options=layers, value=0)
        controls["neuron"] = _dropdown("into neuron")
        controls["weight"] = _dropdown("parameter")
        controls["value"] = float_slider("value", 0.0, *self.value_range, step=0.01)
        controls["json"] = widgets.Textarea(
            placeholder="Press 'export' to see the weights as JSON, or paste JSON and 'import'.",
            layout=widgets.Layout(width="100%", height="8em"),
        )
        self._set_choices(controls, 0)
        return controls

    def _build_buttons(self) -> dict[str, widgets.Button]:
        buttons = {
            "reset": button("reset", "Restore the starting weights and biases"),
            "export": button("export", "Write every weight and bias as JSON below"),
            "import": button("import", "Load the weights and biases from the JSON below"),
        }
        buttons["reset"].on_click(lambda _: self.reset())
        buttons["export"].on_click(lambda _: self._on_export())
        buttons["import"].on_click(lambda _: self._on_import())
        return buttons

    def _layout_children(self) -> list[widgets.Widget]:
        c = self.controls
        inputs = widgets.VBox([c[name] for name in c if name.startswith("x")])
        picker = widgets.VBox([c["layer"], c["neuron"], c["weight"], c["value"], self.parameter])
        buttons = widgets.HBox(list(self.buttons.values()))
        top = widgets.HBox([inputs, picker])
        return [top, self.output, self.image, buttons, c["json"], self.status]

    def _draw_highlight(self) -> Any:
        # A wide translucent band under the picked edge, or a ring around the picked bias's node.
        ax = self.artists.nodes.axes
        assert isinstance(ax, Axes)
        (line,) = ax.plot([], [], color=HIGHLIGHT, alpha=0.45, linewidth=9, zorder=0.5)
        line.set_markerfacecolor("none")
        line.set_markeredgecolor(HIGHLIGHT)
        line.set_markeredgewidth(3.0)
        line.set_markersize(26)
        return line

    # ----- the picked parameter ---------------------------------------------------------------

    @property
    def selection(self) -> tuple[int, int, int]:
        """(layer, neuron, weight) picked by the dropdowns; weight == -1 means the bias."""
        c = self.controls
        return int(c["layer"].value), int(c["neuron"].value), int(c["weight"].value)

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

    def _sync_value_slider(self) -> None:
        """Show the picked parameter on the 'value' slider without writing it back."""
        array, where, _ = self._picked()
        value = float(array[where])
        slider = self.controls["value"]
        self._syncing = True
        try:
            # Three messages, in this order, so that every value the page may send back while
            # it catches up lies within half a step of `value` and is recognised as an echo:
            # 1. widen the range by whole steps, which leaves the page's grid as it is;
            # 2. send the value, which the page may snap to its old grid;
            # 3. move the grid through the value. Changing the grid while the page still
            #    held the previous parameter's value would make it snap that old value and
            #    send it back as if the learner had moved the slider.
            with slider.hold_sync():
                slider.min, slider.max = widened(slider.min, slider.max, value, slider.step)
            with slider.hold_sync():
                slider.value = value
            with slider.hold_sync():
                slider.min, slider.max = grid_through(value, self.value_range, slider.step)
        finally:
            self._syncing = False

    # ----- LivePanel contract -----------------------------------------------------------------

    def _on_control(self, name: str) -> None:
        if name == "value" and not self._accept_value():
            return
        if self._syncing or name in QUIET:
            return
        super()._on_control(name)

    def _accept_value(self) -> bool:
        """False for the browser's echo of a value set here, snapped to the slider's step.

        The browser rounds every value it is sent to the step (0.4808 → 0.48) and, with
        continuous updates, sends the rounded value back. Taken as a move, that echo would
        overwrite the parameter just picked, so values set from Python are remembered and a
        browser value within half a step of one of them is dropped. A real move is a whole
        step away from the value shown, so it always gets through.
        """
        slider = self.controls["value"]
        value = float(slider.value)
        if "value" not in slider._property_lock:  # set in this kernel, not by the browser
            self._pushed = [*self._pushed[-7:], value]  # only the last few can be in flight
            return True
        for index, pushed in enumerate(self._pushed):
            if abs(value - pushed) <= slider.step / 2 + 1e-9:
                del self._pushed[:index]  # older values can no longer arrive; this one may again
                return False
        self._pushed.clear()
        return True

    def apply(self, changed: set[str]) -> None:
        """Inputs into x; a new layer refreshes the choices; 'value' writes the picked parameter."""
        self._edges_stale = any(not name.startswith("x") for name in changed)
        for i in range(len(self.x)):
            self.x[i] = self.controls[f"x{i + 1}"].value
        if "layer" in changed:
            self._syncing = True
            try:
                self._set_choices(self.controls, int(self.controls["layer"].value))
            finally:
                self._syncing = False
        if "value" in changed:
            array, where, _ = self._picked()
            array[where] = float(self.controls["value"].value)

    def refresh(self) -> None:
        """Redraw and push the picture; call it after changing `.model` from code."""
        self._sync_value_slider()
        self.redraw()
        edges_stale, self._edges_stale = self._edges_stale, True
        self.image.value = self.blitter.render_png(slow_changed=edges_stale)

    def redraw(self) -> None:
        update_network(self.artists, self.model, self.x)
        self._place_highlight()
        array, where, code = self._picked()
        self.parameter.value = f"<code>{code} = {format_number(float(array[where]))}</code>"
        out = self.model(self.x)
        shown = ", ".join(format_number(float(v)) for v in np.atleast_1d(out))
        inputs = ", ".join(format_number(float(v)) for v in self.x)
        self.output.value = html.escape(f"output ŷ = {shown}") + f" for x = ({inputs})"

    def _place_highlight(self) -> None:
        layer, row, col = self.selection
        line = self.highlight
        target = self._node_xy(layer + 1, row)
        source = None if col == BIAS else self._node_xy(layer, col)
        if target is None or (col != BIAS and source is None):
            line.set_data([], [])  # the picked edge is not among the drawn sample
        elif source is None:
            line.set_data([target[0]], [target[1]])
            line.set_marker("o")
            line.set_linestyle("")
        else:
            line.set_data([source[0], target[0]], [source[1], target[1]])
            line.set_marker("")
            line.set_linestyle("-")

    def _node_xy(self, column: int, node: int) -> FloatArray | None:
        layout = self.artists.layout
        slot = np.flatnonzero(layout.shown[column] == node)
        return layout.positions[column][slot[0]] if slot.size else None

    # ----- reset and JSON ---------------------------------------------------------------------

    def reset(self) -> None:
        """Restore the parameters the panel started with."""
        self.model.load_state_dict(self.initial)
        self.status.value = "Reset: every weight and bias is back to its starting value."
        self.refresh()

    def export_json(self) -> str:
        """Every weight and bias as JSON text, keyed like state_dict()."""
        return state_dict_to_json(self.model.state_dict())

    def import_json(self, text: str) -> None:
        """Load weights and biases from JSON text; on any error the model is left unchanged."""
        self.model.load_state_dict(state_dict_from_json(text))
        self.refresh()

    def _on_export(self) -> None:
        self.controls["json"].value = self.export_json()
        count = self.model.num_parameters()
        self.status.value = f"Exported {count} parameters as JSON. Copy the text to keep it."

    def _on_import(self) -> None:
        try:
            self.import_json(self.controls["json"].value)
        except (ValueError, TypeError) as error:
            message = html.escape(str(error))
            self.status.value = f"✗ Could not import: {message} The model is unchanged."
            return
        self.status.value = f"✓ Imported {self.model.num_parameters()} parameters."
