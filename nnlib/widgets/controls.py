"""Numeric controls that refuse NaN, ±inf, non-numbers and (for counts) fractions from Python.

ipywidgets' own sliders store a NaN (or clamp it to an end) and pass it to the panel, which would
copy it into the neuron or the model. These controls refuse it in the trait's `validate`, before
the value is stored and before any observer runs, so the panel and its nnlib object keep their
values. The message names the control, says what it keeps, and gives the range it takes.

Their values are not echoed (`echo_update=False`, as ipywidgets' own FileUpload does): by default
ipywidgets sends every value the page sets straight back to the page, which ignores it, so that
other views of the same widget follow. A held key or a playing Play sends many values a second,
and each echo costs the kernel, the server and the page one more message. A second view of a
panel (rare in a lesson) still shows every picture and readout; only its slider's knob stays put.
"""

from __future__ import annotations

import math
import numbers
from typing import Any

import ipywidgets as widgets
import numpy as np
import traitlets

from nnlib.neuron import format_number


def _refusal(control: Any, what: str, got: Any, low: float, high: float) -> str:
    kind = getattr(control, "kind", "slider")
    owner = getattr(control, "owner", "the panel")
    return (
        f"The {kind} {control.description!r} must be set to {what}, got {got!r}. It keeps "
        f"{_shown(control.value)}, and so does {owner}; set a number from {_shown(low)} to "
        f"{_shown(high)}."
    )


def _shown(number: float) -> str:
    # Counts as counts (10, not 10.0); other numbers as the panels' readouts show them.
    return str(number) if isinstance(number, int) else format_number(number)


def _ends(control: Any) -> tuple[float, float]:
    if isinstance(control, widgets.FloatLogSlider):  # min and max are exponents
        return control.base**control.min, control.base**control.max
    return control.min, control.max


def _real(control: Any, value: Any, what: str) -> float:
    """The value as a float, or a TypeError naming the control for strings, None and objects."""
    if isinstance(value, np.ndarray) and value.ndim == 0:
        value = value.item()
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise TypeError(_refusal(control, what, value, *_ends(control)))
    return float(value)


class FiniteFloat(traitlets.CFloat[float, Any]):
    """A float trait that refuses NaN, ±inf and non-numbers, so a slider never holds one."""

    def validate(self, obj: Any, value: Any) -> float:
        number = _real(obj, value, "a finite number")
        if not math.isfinite(number):
            raise ValueError(_refusal(obj, "a finite number", number, *_ends(obj)))
        return number


class WholeNumber(traitlets.CInt[int, Any]):
    """An int trait that refuses NaN, ±inf, fractions such as 2.5 and non-numbers."""

    def validate(self, obj: Any, value: Any) -> int:
        number = _real(obj, value, "a whole number")
        if not number.is_integer():
            raise ValueError(_refusal(obj, "a whole number", value, *_ends(obj)))
        return int(number)


class FiniteSlider(widgets.FloatSlider):
    """A FloatSlider whose value is always a finite number; `owner` names what it edits."""

    value = FiniteFloat(0.0, help="Float value").tag(sync=True, echo_update=False)
    owner = "the panel"


class FiniteLogSlider(widgets.FloatLogSlider):
    """A FloatLogSlider whose value is always a finite number."""

    value = FiniteFloat(1.0, help="Float value").tag(sync=True, echo_update=False)
    owner = "the panel"


class WholeSlider(widgets.IntSlider):
    """An IntSlider that refuses NaN, inf and fractions instead of truncating them."""

    value = WholeNumber(0, help="Int value").tag(sync=True, echo_update=False)
    owner = "the panel"


class WholePlay(widgets.Play):
    """A Play widget (its value counts ticks) that refuses NaN, inf and fractions."""

    value = WholeNumber(0, help="Int value").tag(sync=True, echo_update=False)
    owner = "the panel"
    kind = "player"


class WholeBox(widgets.BoundedIntText):
    """A BoundedIntText that refuses NaN, inf and fractions instead of truncating them."""

    value = WholeNumber(0, help="Int value").tag(sync=True, echo_update=False)
    owner = "the panel"
    kind = "box"


def owned(control: Any, owner: str) -> Any:
    """The control, now saying in its messages that `owner` keeps its value, e.g. 'the model'."""
    control.owner = owner
    return control
