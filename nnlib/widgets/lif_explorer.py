"""`LIFExplorer`: drive a spiking neuron with a current and watch it fire.

Live: the membrane voltage with its spikes and threshold, the firing rate, and the f-I curve
(rate against current) with the current operating point. Moving the current only re-simulates
the trace and moves the point; the f-I curve is recomputed, from the closed form, only when the
threshold, time constant or refractory period change.
"""

from __future__ import annotations

import dataclasses
from typing import Any

import ipywidgets as widgets
import numpy as np

from nnlib.biology import LIFNeuron, LIFResult, lif_rate
from nnlib.plots.biology import (
    plot_fi_curve,
    plot_voltage_trace,
    update_fi_curve,
    update_voltage_trace,
)
from nnlib.plots.blit import Blitter
from nnlib.plots.style import new_figure
from nnlib.validation import FloatArray, as_float
from nnlib.widgets.base import float_slider, readout
from nnlib.widgets.png_panel import PngPanel as LivePanel

# Control name → the LIFNeuron field it edits.
FIELDS = {"threshold": "v_threshold", "tau": "tau_m", "refractory": "refractory"}


def _check_neuron(neuron: Any) -> LIFNeuron:
    if neuron is None:
        return LIFNeuron()
    if not isinstance(neuron, LIFNeuron):
        raise TypeError(
            f"neuron must be an nnlib LIFNeuron, got {type(neuron).__name__}. "
            f"Create one with LIFNeuron(tau_m=10.0, v_threshold=-55.0)."
        )
    return neuron


def _slider(description: str, value: float, low: float, high: float, step: float) -> Any:
    # Widen the range rather than let the slider silently clamp a value the neuron really has.
    return float_slider(description, value, min(low, value), max(high, value), step)


class LIFExplorer(LivePanel):
    """Controls 'current' (nA), 'threshold' (mV), 'tau' (ms), 'refractory' (ms) on `.neuron`."""

    def __init__(
        self,
        neuron: LIFNeuron | None = None,
        current: float = 2.0,
        *,
        duration: float = 200.0,
        dt: float = 0.1,
        max_current: float = 5.0,
    ) -> None:
        self.neuron = _check_neuron(neuron)
        self.current = as_float(current, "current")
        self.duration, self.dt = duration, dt
        self.currents: FloatArray = np.linspace(0.0, max_current, 201, dtype=np.float64)
        self.result: LIFResult = self.neuron.simulate(self.current, dt=dt, duration=duration)
        self.fi_rates: FloatArray = np.asarray(lif_rate(self.neuron, self.currents))
        self._curve_stale = False
        self.rate_text = readout("nnlib-rate")
        figure = new_figure(8.0, 2.7, dpi=80)
        trace_ax, fi_ax = figure.subplots(1, 2, gridspec_kw={"width_ratios": [1.7, 1.0]})
        self.trace = plot_voltage_trace(trace_ax, self.result)
        self.fi = plot_fi_curve(
            fi_ax, self.currents, self.fi_rates, self.operating_point, self.neuron.rheobase
        )
        figure.tight_layout()
        moving = [self.trace.trace, self.trace.spikes, self.trace.threshold, self.fi.point]
        self.blitter = Blitter(figure, moving, slow=[self.fi.curve, self.fi.rheobase])
        controls = self._build_controls(max_current)
        super().__init__(controls, figure, [])
        self.children = [widgets.VBox(list(controls.values())), self.rate_text, self.image]
        self.refresh()

    def _build_controls(self, max_current: float) -> dict[str, widgets.Widget]:
        n = self.neuron
        floor = n.v_reset + 1.0  # the threshold must stay above the reset potential
        return {
            "current": _slider("input current I (nA)", self.current, 0.0, max_current, 0.05),
            "threshold": _slider("threshold (mV)", n.v_threshold, max(-65.0, floor), -40.0, 0.5),
            "tau": _slider("membrane τ (ms)", n.tau_m, 2.0, 30.0, 0.5),
            "refractory": _slider("refractory (ms)", n.refractory, 0.0, 10.0, 0.5),
        }

    @property
    def rate(self) -> float:
        """The simulated firing rate in Hz (see LIFResult.rate)."""
        return self.result.rate

    @property
    def operating_point(self) -> tuple[float, float]:
        return self.current, self.result.rate

    def apply(self, changed: set[str]) -> None:
        """Copy the controls into `.neuron` and `.current`; re-simulate; refresh f-I if needed."""
        self.current = float(self.controls["current"].value)
        updates = {FIELDS[name]: float(self.controls[name].value) for name in FIELDS}
        if changed & set(FIELDS):
            self.neuron = dataclasses.replace(self.neuron, **updates)
            self.fi_rates = np.asarray(lif_rate(self.neuron, self.currents))
            self._curve_stale = True
        self.result = self.neuron.simulate(self.current, dt=self.dt, duration=self.duration)

    def refresh(self) -> None:
        """Redraw and push the picture; axes and the f-I curve are re-rendered only if changed."""
        stale = self._curve_stale  # redraw() clears it
        self.redraw()
        self.image.value = self.blitter.render_png(slow_changed=stale)

    def redraw(self) -> None:
        update_voltage_trace(self.trace, self.result)
        stale = self._curve_stale
        update_fi_curve(
            self.fi,
            self.currents if stale else None,
            self.fi_rates if stale else None,
            self.operating_point,
            self.neuron.rheobase,
        )
        self._curve_stale = False
        self.rate_text.value = self._rate_html()

    def _rate_html(self) -> str:
        result, rheobase = self.result, self.neuron.rheobase
        summary = (
            f"I = {self.current:.2f} nA, rheobase {rheobase:.2f} nA: "
            f"{result.n_spikes} spikes in {result.duration:.0f} ms"
        )
        if result.n_spikes == 0:
            why = "below" if self.current <= rheobase else "too close to"
            return f"{summary}. <b>Firing rate: 0 Hz</b> (the input is {why} the rheobase)."
        return f"{summary}. <b>Firing rate: {result.rate:.1f} Hz</b>."
