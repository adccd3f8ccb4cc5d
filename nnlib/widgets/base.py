"""`LivePanel`: the wiring every panel shares.

A control changes → the panel's pure computation runs → existing artists change in place on one
persistent Figure → the figure is rendered to PNG and pushed into an `ipywidgets.Image`.
ipywidgets calls observers synchronously, so setting `panel.controls["w1"].value = 0.7` from
Python has updated the model, the text and the picture by the time the assignment returns.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from typing import Any

import ipywidgets as widgets
import numpy as np
from matplotlib.figure import Figure

from nnlib.plots.style import render_png


class LivePanel(widgets.VBox):
    """Base class: subclasses build controls and a figure, then implement `apply` and `redraw`."""

    def __init__(
        self, controls: Mapping[str, widgets.Widget], figure: Figure, children: list[Any]
    ) -> None:
        self.controls: dict[str, widgets.Widget] = dict(controls)
        self.figure = figure
        self.image = widgets.Image(format="png", layout=widgets.Layout(width="auto"))
        self._held = False
        self._pending: set[str] = set()
        super().__init__(children=children)
        self.add_class("nnlib-panel")
        for name, control in self.controls.items():
            if hasattr(control, "value"):
                control.observe(lambda change, n=name: self._on_control(n), names="value")

    def apply(self, changed: set[str]) -> None:
        """Copy the changed controls' values into the nnlib object and recompute what depends."""
        raise NotImplementedError

    def redraw(self) -> None:
        """Update the artists and text in place from the current state."""
        raise NotImplementedError

    def refresh(self) -> None:
        """Redraw and push the new picture to the browser."""
        self.redraw()
        self.image.value = render_png(self.figure)

    @contextmanager
    def hold_updates(self) -> Iterator[None]:
        """Set several controls at once with a single recompute and redraw at the end."""
        self._held = True
        try:
            yield
        finally:
            self._held = False
            if self._pending:
                changed, self._pending = self._pending, set()
                self.apply(changed)
                self.refresh()

    def _on_control(self, name: str) -> None:
        if self._held:
            self._pending.add(name)
            return
        self.apply({name})
        self.refresh()

    def __repr__(self) -> str:
        # Shown where widgets cannot render (GitHub, plain text); fixed so nbval can compare it.
        return (
            f"{type(self).__name__}: a live panel. Open this notebook in JupyterLab and run it "
            f"to use the controls."
        )


def float_slider(
    description: str, value: float, low: float, high: float, step: float = 0.05
) -> widgets.FloatSlider:
    """A slider that reports every move (continuous_update) with two decimals."""
    return widgets.FloatSlider(
        value=value,
        min=low,
        max=high,
        step=step,
        description=description,
        continuous_update=True,
        readout_format=".2f",
        style={"description_width": "initial"},
    )


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
