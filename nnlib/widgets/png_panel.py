"""`PngPanel`: the old PNG-per-frame panel loop, kept only until every panel moves to `LivePanel`.

A control changes → the panel's computation runs → artists change in place → the figure is
rendered to PNG and pushed into an `ipywidgets.Image`. It goes once the last panel has moved.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from typing import Any

import ipywidgets as widgets
from matplotlib.figure import Figure

from nnlib.plots.style import render_png


class PngPanel(widgets.VBox):
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
