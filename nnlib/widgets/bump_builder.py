"""`BumpBuilder`: build any curve from bumps, each a pair of steep sigmoid neurons, and see that
the bumps are a 1-N-1 network.

Pick a target and a number of hidden neurons N: the bumps start side by side, each as high as
the target at its middle. Then pick a bump and move its two steps and its height, or change the
steepness every hidden neuron shares. The panel writes all of it into `.model`, an nnlib
`Sequential` Linear(1, N) → Sigmoid → Linear(N, 1), draws its output against the target with
the error between them, and shows the actual weights and biases.
"""

from __future__ import annotations

import html
import numbers

import ipywidgets as widgets
import numpy as np

from nnlib.neuron import format_number
from nnlib.plots.style import new_figure
from nnlib.plots.universality import (
    VIEW,
    draw_bump_builder,
    update_bump_builder,
    update_picked_bump,
    update_target_and_error,
)
from nnlib.serialize import state_dict_from_json, state_dict_to_json
from nnlib.universality import (
    DOMAIN,
    GRID_POINTS,
    TARGETS,
    Bump,
    bump_network,
    bumps_from_network,
    even_bumps,
    set_bump_parameters,
    target_formula,
    target_values,
)
from nnlib.validation import check_between
from nnlib.widgets.base import Layer, LivePanel, button, float_slider, readout
from nnlib.widgets.controls import WholeSlider, owned
from nnlib.widgets.json_exchange import json_box, json_buttons
from nnlib.widgets.readouts import ReadoutGroup

MAX_NEURONS = 20
STEEPNESS = (5.0, 500.0, 5.0)  # slider low, high, step
CURVES = {"curves", "picked", "error", "text"}
BUMP_CONTROLS = ("start", "end", "height")


def _view_grid() -> tuple[np.ndarray, slice]:
    """x over the whole view, on the same spacing as the error grid, and where [0, 1] lies in it."""
    spacing = (DOMAIN[1] - DOMAIN[0]) / (GRID_POINTS - 1)
    below = round((DOMAIN[0] - VIEW[0]) / spacing)
    count = round((VIEW[1] - VIEW[0]) / spacing) + 1
    x = DOMAIN[0] + spacing * (np.arange(count) - below)
    return x, slice(below, below + GRID_POINTS)


def _check_neurons(neurons: object) -> int:
    expected = f"neurons must be an even number from 2 to {MAX_NEURONS} (two per bump)"
    if isinstance(neurons, bool) or not isinstance(neurons, numbers.Integral):
        raise TypeError(
            f"{expected}, got {type(neurons).__name__} {neurons!r}. Pass a whole number such as 6."
        )
    if int(neurons) not in range(2, MAX_NEURONS + 1, 2):
        raise ValueError(f"{expected}, got {int(neurons)}. Pass one such as 6.")
    return int(neurons)


class BumpBuilder(LivePanel):
    """Controls 'target', 'neurons', 'steepness', 'bump', 'start', 'end', 'height', 'json'.

    `.model` is the network, `.bumps` its bumps, `.error` the mean absolute error on [0, 1].
    Buttons (in `.buttons`): 'reset', 'export', 'import'.
    """

    def __init__(self, target: str = "sine", neurons: int = 6, steepness: float = 100.0) -> None:
        target_formula(target)  # an unknown name fails here, with the valid ones listed
        neurons = _check_neurons(neurons)
        low, high, _ = STEEPNESS
        self.steepness = check_between(steepness, "steepness", low, high, hint=(
            "That is the steepness slider's range; try steepness=100.0."))  # fmt: skip
        self.target = target
        self.bumps = even_bumps(neurons // 2, target)
        self.model = bump_network(self.bumps, self.steepness)
        self.x, self.inside = _view_grid()
        self._syncing = False
        controls = self._build_controls(target, neurons)
        self.buttons = {
            "reset": button("reset", "Lay the bumps side by side again, heights from the target")
        }
        self.buttons["reset"].on_click(lambda _: self.update({"neurons"}))
        self.buttons |= json_buttons(
            self,
            import_tooltip="Build the bumps from the JSON below",
            unchanged="The panel is unchanged.",
            imported=lambda: (
                f"✓ Imported {len(self.bumps)} bumps (positions and heights rounded to hundredths)."
            ),
        )
        # The three lines a move changes share one widget, so a move sends them in one message.
        self.text = ReadoutGroup("nnlib-output", "nnlib-picked", "nnlib-parameters")
        self.output, self.picked_text, self.weights = self.text.parts
        self.status = readout("nnlib-status")
        figure = new_figure(6.4, 2.8)
        figure.subplots_adjust(left=0.12, right=0.98, top=0.9, bottom=0.17)
        self.artists = draw_bump_builder(figure.add_subplot(), MAX_NEURONS // 2)
        self._compute()
        super().__init__()
        self.declare(controls, figure, self._layers(), self._feeds(), layout={"target"})
        self.children = self._layout_children()

    # ----- building -------------------------------------------------------------------------

    def _build_controls(self, target: str, neurons: int) -> dict[str, widgets.Widget]:
        wide = {"description_width": "7em"}
        low, high, step = STEEPNESS
        controls: dict[str, widgets.Widget] = {
            "target": widgets.Dropdown(options=list(TARGETS), value=target, description="target",
                                       style=wide),
            "neurons": WholeSlider(value=neurons, min=2, max=MAX_NEURONS, step=2,
                                   description="neurons N", style=wide),
            "steepness": float_slider("steepness w", self.steepness, low, high, step,
                                      owner="the model"),
            "bump": widgets.Dropdown(description="bump", style=wide),
            "start": float_slider("step up s₁", 0.0, *VIEW, step=0.01, owner="the model"),
            "end": float_slider("step down s₂", 0.0, *VIEW, step=0.01, owner="the model"),
            "height": float_slider("height h", 0.0, -0.3, 1.2, step=0.01, owner="the model"),
            "json": json_box(height="3.5em"),
        }  # fmt: skip
        owned(controls["neurons"], "the model")
        controls["steepness"].style = wide
        controls["steepness"].readout_format = ".0f"
        for name in BUMP_CONTROLS:
            controls[name].style = wide
        self._set_bump_choices(controls, 0)
        return controls

    def _layers(self) -> dict[str, Layer]:
        a = self.artists
        return {
            "target": Layer(self._draw_target, [a.target]),
            "error": Layer(self._draw_error, [a.error]),
            "curves": Layer(self._draw_curves, [a.output, *a.contributions]),
            "picked": Layer(self._draw_picked, [a.picked, a.picked_steps]),
            "text": Layer(self._write_text),
        }

    @staticmethod
    def _feeds() -> dict[str, set[str]]:
        return {
            "target": CURVES | {"target"},
            "neurons": set(CURVES),
            "steepness": set(CURVES),
            "bump": {"picked", "text"},
            **{name: set(CURVES) for name in BUMP_CONTROLS},
            "json": set(),
        }

    def _layout_children(self) -> list[widgets.Widget]:
        c = self.controls
        left = widgets.VBox([c["target"], c["neurons"], c["steepness"]])
        right = widgets.VBox([c["bump"], c["start"], c["end"], c["height"]])
        buttons = widgets.HBox(list(self.buttons.values()))
        return [
            widgets.HBox([left, right]),
            self.text,
            self.canvas,
            buttons,
            c["json"],
            self.status,
        ]

    def _set_bump_choices(self, controls: dict[str, widgets.Widget], keep: int) -> None:
        picker = controls["bump"]
        picker.options = [(f"{k + 1} of {len(self.bumps)}", k) for k in range(len(self.bumps))]
        picker.value = min(keep, len(self.bumps) - 1)
        self._show_picked(controls)

    def _show_picked(self, controls: dict[str, widgets.Widget]) -> None:
        bump = self.bumps[self.picked]
        for name, value in zip(BUMP_CONTROLS, (bump.start, bump.end, bump.height), strict=True):
            controls[name].value = value

    # ----- state ------------------------------------------------------------------------------

    @property
    def picked(self) -> int:
        """Index of the bump the sliders edit."""
        value = self.controls["bump"].value if hasattr(self, "controls") else None
        return 0 if value is None else int(value)

    def _on_control(self, name: str) -> None:
        if not self._syncing and name != "json":
            super()._on_control(name)

    def apply(self, changed: set[str]) -> None:
        """Copy the controls into the bumps and the bumps into `.model`."""
        c = self.controls
        self.target = str(c["target"].value)
        # The page's slider arithmetic sends values such as 110.00000000000001: keep the grid's.
        step = STEEPNESS[2]
        self.steepness = round(float(c["steepness"].value) / step) * step
        self._syncing = True  # the sliders below are set to show the model, not to change it
        try:
            if changed & {"target", "neurons"}:
                self.bumps = even_bumps(int(c["neurons"].value) // 2, self.target)
                self.model = bump_network(self.bumps, self.steepness)
                self._set_bump_choices(c, self.picked)
            elif "bump" in changed:
                self._show_picked(c)
            if changed & set(BUMP_CONTROLS):
                values = (round(float(c[name].value), 2) for name in BUMP_CONTROLS)
                self.bumps[self.picked] = Bump(*values)
        finally:
            self._syncing = False
        set_bump_parameters(self.model, self.bumps, self.steepness)
        self._compute()

    def _compute(self) -> None:
        """Each bump's curve (its two hidden neurons times their output weights), the output,
        the target and the error. The network computes everything; nothing is re-derived."""
        column = self.x[:, None]
        heights = self.model.state_dict()["2.weight"][0]
        hidden = self.model[1](self.model[0](column)) * heights
        self.contributions = (hidden[:, 0::2] + hidden[:, 1::2]).T
        self.curve = np.asarray(self.model(column), dtype=np.float64)[:, 0]
        self.target_curve = target_values(self.target, self.x[self.inside])
        self.error = float(np.mean(np.abs(self.curve[self.inside] - self.target_curve)))
        self.largest_gap = float(np.max(np.abs(self.curve[self.inside] - self.target_curve)))

    def refresh(self) -> None:
        """Read the bumps back from `.model` (after changing it in code) and redraw everything.

        Positions and heights are rounded to the sliders' hundredths and the steepness to its
        slider's step, so that what the sliders show is exactly what the network holds.
        """
        bumps, steepness = bumps_from_network(self.model)
        low, high, step = STEEPNESS
        self.steepness = float(np.clip(round(steepness / step) * step, low, high))
        self.bumps = [Bump(*(round(v, 2) for v in (b.start, b.end, b.height))) for b in bumps]
        self.model = bump_network(self.bumps, self.steepness)
        c = self.controls
        self._syncing = True
        try:
            c["neurons"].value = 2 * len(self.bumps)
            c["steepness"].value = self.steepness
            self._set_bump_choices(c, self.picked)
        finally:
            self._syncing = False
        self._compute()
        super().refresh()

    # ----- drawing ----------------------------------------------------------------------------

    def _draw_target(self) -> None:
        self.artists.ax.set_title(f"target: {self.target}, f(x) = {target_formula(self.target)}",
                                  fontsize=9)  # fmt: skip

    def _draw_error(self) -> None:
        inside = self.x[self.inside]
        update_target_and_error(self.artists, inside, self.target_curve, self.curve[self.inside])

    def _draw_curves(self) -> None:
        update_bump_builder(self.artists, self.x, self.curve, self.contributions)

    def _draw_picked(self) -> None:
        k = self.picked
        update_picked_bump(self.artists, self.x, self.contributions[k], self.bumps[k])

    def _write_text(self) -> None:
        n = 2 * len(self.bumps)
        self.output.value = (
            f"mean absolute error <b>{self.error:.4f}</b> (largest gap {self.largest_gap:.3f}) "
            f"over {GRID_POINTS} points of [0, 1], with N = {n} hidden neurons"
        )
        k, bump, w = self.picked, self.bumps[self.picked], self.steepness
        b1, b2 = (format_number(-w * s, 2) for s in (bump.start, bump.end))
        self.picked_text.value = html.escape(
            f"bump {k + 1} = hidden neurons {2 * k + 1}, {2 * k + 2}: biases {b1}, {b2} → steps "
            f"at s = −b/w = {format_number(bump.start, 2)}, {format_number(bump.end, 2)}; output "
            f"weights ±{format_number(bump.height, 2)}"
        )
        state = self.model.state_dict()
        rows = [
            ("model[0].weight (w, all the steepness)", state["0.weight"][:, 0]),
            ("model[0].bias (b = −w·s)", state["0.bias"]),
            ("model[2].weight (±h)", state["2.weight"][0]),
        ]
        self.weights.value = (
            "<br>".join(
                f"<code>{html.escape(name)} = [{', '.join(format_number(v, 2) for v in vs)}]</code>"
                for name, vs in rows
            )
            + f" <code>model[2].bias = [{format_number(float(state['2.bias'][0]), 2)}]</code>"
        )

    def describe(self) -> str:
        bump = self.bumps[self.picked]
        return (
            f"Line chart over x from {VIEW[0]:g} to {VIEW[1]:g}: the output of a 1-"
            f"{2 * len(self.bumps)}-1 sigmoid network made of {len(self.bumps)} bumps with "
            f"steepness {self.steepness:g}, against the {self.target} target "
            f"f(x) = {target_formula(self.target)}, shaded where they differ; mean absolute "
            f"error {self.error:.4f}. Bump {self.picked + 1} is highlighted: it steps up at "
            f"x = {bump.start:g} and down at x = {bump.end:g}, height {bump.height:g}."
        )

    # ----- JSON -------------------------------------------------------------------------------

    def export_json(self) -> str:
        """Every weight and bias as JSON text, keyed like state_dict()."""
        return state_dict_to_json(self.model.state_dict())

    def import_json(self, text: str) -> None:
        """Load a bump network from JSON text; on any error the panel is left unchanged."""
        state = state_dict_from_json(text)
        n = state.get("0.bias", np.zeros(0)).size
        candidate = bump_network(even_bumps(max(1, n // 2), self.target), 1.0)
        candidate.load_state_dict(state)
        bumps_from_network(candidate)  # refuses anything that is not a bump network
        self.model = candidate
        self.refresh()
