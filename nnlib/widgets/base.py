"""`LivePanel`: the loop every panel shares, declared rather than written.

A panel declares its layers (named groups of matplotlib artists, each with the function that
brings them up to date), which controls feed which layers, and which controls change the layout.
On a control change the base class copies the values into the nnlib object (`apply`), updates
the fed layers, and sends only those layers to the browser as small arrays; the background
picture (axes, ticks, labels) is redrawn only when the layout changed. ipywidgets calls
observers synchronously, so `panel.controls["w1"].value = 0.7` has updated the model, the text
and what the page draws by the time the assignment returns.
"""

from __future__ import annotations

import base64
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from typing import Any

import ipywidgets as widgets
import numpy as np
from matplotlib.artist import Artist
from matplotlib.figure import Figure

from nnlib.plots import payload
from nnlib.validation import as_float, check_between
from nnlib.widgets.canvas import LiveCanvas
from nnlib.widgets.controls import FiniteSlider, owned
from nnlib.widgets.readouts import ReadoutGroup


@dataclass
class Layer:
    """What moves together: its artists (or a function giving the current ones), and `update`.

    A layer without artists updates text only (a readout), and sends nothing to the canvas.
    """

    update: Callable[[], None]
    artists: Sequence[Artist] | Callable[[], Sequence[Artist]] | None = None

    @property
    def drawn(self) -> bool:
        return self.artists is not None

    def current(self) -> list[Artist]:
        if self.artists is None:
            return []
        return list(self.artists() if callable(self.artists) else self.artists)


class LivePanel(widgets.VBox):
    """Base class: build the controls, a figure and its layers, then call `declare`."""

    def __init__(self, children: Sequence[widgets.Widget] = ()) -> None:
        super().__init__(children=list(children))
        self.add_class("nnlib-panel")
        self._held = False
        self._pending: set[str] = set()
        self.updates = 0  # how many updates ran, for tests and benchmarks

    def declare(
        self,
        controls: Mapping[str, widgets.Widget],
        figure: Figure,
        layers: Mapping[str, Layer],
        feeds: Mapping[str, Iterable[str]],
        layout: Iterable[str] = (),
        preview: Mapping[str, Any] | None = None,
    ) -> None:
        """Wire everything up and draw the first frame.

        feeds: control name → the layers it changes; layout: controls that change the axes
        themselves (limits, titles, a new drawing), so the background is drawn again.
        preview: {"kind", "params", "sources": [control names]} for a browser-side preview.
        """
        self.controls: dict[str, widgets.Widget] = dict(controls)
        self.figure = figure
        payload.snap_to_css_pixels(figure)
        self.layers = dict(layers)
        self.feeds = {name: set(targets) for name, targets in feeds.items()}
        self.layout_controls = set(layout)
        self._check_declaration()
        self.canvas = LiveCanvas([n for n, layer in self.layers.items() if layer.drawn])
        self.canvas.add_class("nnlib-figure")
        self._preview_sources = list((preview or {}).get("sources", []))
        if preview:
            ids = {name: self.controls[name].model_id for name in self._preview_sources}
            self.canvas.preview = {"kind": preview["kind"], "params": preview.get("params", {}),
                                   "sources": ids}  # fmt: skip
        self._layout_key: object = None
        for name, control in self.controls.items():
            if hasattr(control, "value"):
                control.observe(lambda change, n=name: self._on_control(n), names="value")
        self._run(set(), all_layers=True)

    def apply(self, changed: set[str]) -> None:
        """Copy the changed controls' values into the nnlib object (override where needed)."""

    def describe(self) -> str:
        """What the figure shows, in words: the canvas's aria-label (override per panel)."""
        return f"{type(self).__name__} figure"

    def refresh(self) -> None:
        """Redraw everything from the nnlib object, e.g. after changing its weights in code."""
        self._run(set(), all_layers=True)

    def update(self, changed: Iterable[str]) -> None:
        """Run one update as if the named controls had changed (buttons call this)."""
        names = set(changed)
        if self._held:
            self._pending |= names
            return
        self._run(names)

    @contextmanager
    def hold_updates(self) -> Iterator[None]:
        """Set several controls at once with a single update at the end."""
        self._held = True
        try:
            yield
        finally:
            self._held = False
            if self._pending:
                changed, self._pending = self._pending, set()
                self._run(changed)

    def _on_control(self, name: str) -> None:
        self.update({name})

    def _run(self, changed: set[str], all_layers: bool = False) -> None:
        with ExitStack() as held:  # each readout group sends once, whatever lines changed
            for group in self.children:
                if isinstance(group, ReadoutGroup):
                    held.enter_context(group.hold_sync())
            dirty = self.compute(changed, all_layers)
            self._push(dirty, force_layout=all_layers or bool(changed & self.layout_controls))
        self.updates += 1

    def compute(self, changed: set[str], all_layers: bool = False) -> set[str]:
        """Copy the controls in and update the fed layers' artists; return those layers' names.

        Nothing is sent: `compute` alone is what any drawing of the new state needs first.
        """
        if changed:
            self.apply(changed)
        dirty = set(self.layers) if all_layers else set().union(*(self.feeds[c] for c in changed))
        for name, layer in self.layers.items():
            if name in dirty:
                layer.update()
        return dirty

    def _push(self, dirty: set[str], force_layout: bool) -> None:
        key = self._layout_signature()
        with self.canvas.hold_sync():
            if force_layout or key != self._layout_key:
                self._layout_key = key
                dirty = set(self.layers)
                moving = [a for layer in self.layers.values() for a in layer.current()]
                self.canvas.set_background(
                    payload.background_png(self.figure, moving), payload.geometry(self.figure)
                )
            for name, layer in self.layers.items():
                if name in dirty and layer.drawn:
                    self.canvas.set_layer(name, payload.describe(layer.current(), self.figure))
            self.canvas.label = self.describe()
            if self._preview_sources:
                self.canvas.stamp = {n: _shown(self.controls[n]) for n in self._preview_sources}

    def _layout_signature(self) -> object:
        # What the background shows beyond the declared layout controls: limits and labels.
        return tuple(
            (
                ax.get_xlim(),
                ax.get_ylim(),
                ax.get_title(),
                ax.get_xlabel(),
                ax.get_ylabel(),
                ax.get_visible(),
                ax.get_position().bounds,
            )
            for ax in self.figure.axes
        )

    def _check_declaration(self) -> None:
        for control, targets in self.feeds.items():
            unknown = targets - set(self.layers)
            if control not in self.controls or unknown:
                raise ValueError(
                    f"feeds must map controls of this panel to its layers, got {control!r} → "
                    f"{sorted(targets)}; controls are {sorted(self.controls)}, layers are "
                    f"{sorted(self.layers)}. Declare every layer a control feeds."
                )
        silent = [n for n, c in self.controls.items() if hasattr(c, "value")]
        missing = [n for n in silent if n not in self.feeds]
        if missing:
            raise ValueError(
                f"feeds must name every control with a value, missing {missing}. "
                f"Map each to the layers it changes (an empty set if none)."
            )

    def snapshot_png(self) -> bytes:
        """The panel's figure in its current state, drawn completely by matplotlib, at 2x."""
        return payload.png(self.figure)

    def _repr_mimebundle_(self, **kwargs: Any) -> Any:
        # The live view for Jupyter, plus a picture for GitHub, nbconvert and nbviewer, made
        # small like every picture a notebook file keeps.
        bundle = super()._repr_mimebundle_(**kwargs)
        data = bundle[0] if isinstance(bundle, tuple) else bundle
        width, height = payload.css_size(self.figure)
        picture = payload.png(self.figure, stored=True)
        data["image/png"] = base64.b64encode(picture).decode("ascii")
        return data, {"image/png": {"width": width, "height": height}}

    def __repr__(self) -> str:
        # Shown where widgets cannot render (plain text); fixed so nbval can compare it.
        return (
            f"{type(self).__name__}: a live panel. Open this notebook in JupyterLab and run it "
            f"to use the controls."
        )


def _shown(control: widgets.Widget) -> Any:
    # What the page knows of a control: a value, or for a dropdown only its label.
    if isinstance(control, widgets.Dropdown):
        return control.label
    return control.value


def float_slider(
    description: str,
    value: float,
    low: float,
    high: float,
    step: float = 0.05,
    *,
    owner: str = "the panel",
) -> FiniteSlider:
    """A slider that reports every move (continuous_update) with two decimals.

    It refuses NaN, ±inf and non-numbers set from Python, with a message saying that it and
    `owner` (what it edits, e.g. "the neuron") keep their values.
    """
    low, high = as_float(low, "low"), as_float(high, "high")
    if not low < high:
        raise ValueError(
            f"low must be below high, got low={low:g} and high={high:g}. "
            f"Pass the slider's ends in order, such as low=-3.0, high=3.0."
        )
    number = check_between(value, "value", low, high, hint="Widen (low, high) to hold it.")
    step = as_float(step, "step")
    if not 0.0 < step <= high - low:
        raise ValueError(
            f"step must be above 0 and at most high − low = {high - low:g}, got {step:g}. "
            f"Pass a step such as 0.05."
        )
    slider = FiniteSlider(
        value=number,
        min=low,
        max=high,
        step=step,
        description=description,
        continuous_update=True,
        readout_format=".2f",
        style={"description_width": "initial"},
    )
    return owned(slider, owner)  # type: ignore[no-any-return]


def readout(css_class: str) -> widgets.HTML:
    """A text display for a panel, tagged with a CSS class so tests and styles can find it."""
    display = widgets.HTML()
    display.add_class(css_class)
    return display


def button(description: str, tooltip: str) -> widgets.Button:
    """A button tagged with the CSS class nnlib-<description>."""
    pressable = widgets.Button(description=description, tooltip=tooltip)
    pressable.add_class(f"nnlib-{description}")
    return pressable


def grid_through(value: float, bounds: tuple[float, float], step: float) -> tuple[float, float]:
    """Slider ends that cover `bounds` and `value` with `value` exactly on the step grid.

    The browser snaps a slider to min + k·step; with the value on that grid it shows the
    parameter unrounded, and the arrow keys move it by exactly one step from its true value.
    """
    below = max(0, int(np.ceil((value - bounds[0]) / step - 1e-9)))
    above = max(0, int(np.ceil((bounds[1] - value) / step - 1e-9)))
    return value - below * step, value + above * step


def widened(low: float, high: float, value: float, step: float) -> tuple[float, float]:
    """[low, high] extended by whole steps until it holds `value`."""
    below = max(0, int(np.ceil((low - value) / step - 1e-9)))
    above = max(0, int(np.ceil((value - high) / step - 1e-9)))
    return low - below * step, high + above * step
