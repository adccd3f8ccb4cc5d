"""`ParameterSlider`: one slider (and a box to type into) for whichever parameter is picked.

The slider shows the picked parameter unrounded: its grid (min + k·step) is moved through the
value, so the arrow keys move the parameter by exactly one step from its true value. The page
answers some values it is sent with a copy snapped to the grid it held at the time (an echo);
`accept` tells those apart from the learner's moves. The page snaps typed text to the grid as
well, so exact values are typed into the box next to the slider instead.
"""

from __future__ import annotations

import math
from collections.abc import Hashable
from typing import Any

import ipywidgets as widgets

from nnlib.neuron import format_number
from nnlib.widgets.base import grid_through, widened
from nnlib.widgets.controls import FiniteSlider

Range = tuple[float, float]
REMEMBERED = 8  # values sent to the page that may still be answered; only the last few can be
ON_GRID = 1e-6  # in steps: what the page's own arithmetic leaves of a whole number of steps


class PageSlider(FiniteSlider):
    """A finite slider that knows whether its current value change came from the page."""

    from_page = False
    owner = "the model"

    def set_state(self, sync_data: Any) -> None:
        # Every value the page sends arrives through set_state; Python assignments do not.
        self.from_page = True
        try:
            super().set_state(sync_data)
        finally:
            self.from_page = False


def parse_value(text: str) -> float:
    """The number typed into the box: '6', '−0.25' (true minus) and '0,5' are all accepted."""
    cleaned = text.strip().replace("−", "-").replace(",", ".")
    try:
        number = float(cleaned)
    except ValueError:
        number = math.nan
    if not math.isfinite(number):
        raise ValueError(
            f"the value must be a finite number such as 0.5 or −2, got {text!r}. "
            f"Type digits with an optional minus sign and decimal point."
        )
    return number


class ParameterSlider:
    """`.slider` and `.box` edit the parameter named by `key`; `show` puts a value on both."""

    def __init__(self, value_range: Range, step: float = 0.01) -> None:
        self.value_range = value_range
        # No readout: the page would snap a typed value to the grid; `.box` takes typed values.
        self.slider = PageSlider(
            value=0.0,
            min=value_range[0],
            max=value_range[1],
            step=step,
            description="value",
            continuous_update=True,
            readout=False,
            style={"description_width": "6em"},
        )
        self.box = widgets.Text(
            continuous_update=False,
            placeholder="type a value",
            layout=widgets.Layout(width="7em"),
            tooltip="Type an exact value and press Enter",
        )
        self.box.add_class("nnlib-value-box")
        self.key: Hashable = None
        self._pushed: list[tuple[float, Hashable]] = []  # values sent to the page, and for what

    def show(self, value: float, key: Hashable) -> None:
        """Put the value of parameter `key` on the slider and in the box, writing nothing back.

        Three messages, in this order, so that every value the page may send back while it
        catches up lies within half a step of `value` and is recognised as an echo:
        1. widen the range by whole steps, which leaves the page's grid as it is;
        2. send the value, which the page may snap to its old grid;
        3. move the grid through the value. Changing the grid while the page still held the
           previous parameter's value would make it snap that old value and send it back as if
           the learner had moved the slider.
        """
        self.key = key
        slider = self.slider
        with slider.hold_sync():
            slider.min, slider.max = widened(slider.min, slider.max, value, slider.step)
        with slider.hold_sync():
            slider.value = value
        if not self.on_grid(value):
            with slider.hold_sync():
                slider.min, slider.max = grid_through(value, self.value_range, slider.step)
        self.box.value = format_number(value, 4)

    def on_grid(self, value: float) -> bool:
        """Whether `value` is a whole number of steps from the slider's grid, as moves are."""
        steps = (value - float(self.slider.min)) / float(self.slider.step)
        return abs(steps - round(steps)) <= ON_GRID

    def accept(self) -> bool:
        """False for the page's echo of a value sent from here; True for a move (or a Python set).

        An echo lies within half a step of a value sent, because the page snaps to its grid.
        For the parameter shown now that is enough: a move is a whole step from what the page
        shows. A late echo of a value sent for an earlier parameter is also off the current grid,
        while a move lands on it, so a move always gets through, even to a value that happens to
        equal an earlier parameter's.
        """
        value = float(self.slider.value)
        if not self.slider.from_page:
            self._pushed = [*self._pushed[1 - REMEMBERED :], (value, self.key)]
            return True
        for index, (pushed, key) in enumerate(self._pushed):
            near = abs(value - pushed) <= self.slider.step / 2 + 1e-9
            if near and (key == self.key or not self.on_grid(value)):
                del self._pushed[:index]  # older values can no longer arrive; this one may again
                return False
        self._pushed.clear()
        return True
