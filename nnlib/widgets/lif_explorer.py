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
from matplotlib.lines import Line2D

from nnlib.biology import LIFNeuron, LIFResult, check_time_step, lif_rate
from nnlib.plots.biology import (
    plot_fi_curve,
    plot_voltage_trace,
    update_fi_curve,
    update_voltage_trace,
)
from nnlib.plots.style import new_figure
from nnlib.validation import FloatArray, check_between
from nnlib.widgets.base import Layer, LivePanel, float_slider, readout

# Control name → the LIFNeuron field it edits.
FIELDS = {"threshold": "v_threshold", "tau": "tau_m", "refractory": "refractory"}
MAX_CURRENT = 1000.0  # nA: far beyond where every neuron here fires at its refractory limit
MAX_STEPS = 100_000  # time steps per simulation; every slider move runs one
LEGEND_POINTS = 8.0  # legend text at 8 pt is 11 CSS px: small, and still readable


def _check_neuron(neuron: Any) -> LIFNeuron:
    if neuron is None:
        return LIFNeuron()
    if not isinstance(neuron, LIFNeuron):
        raise TypeError(
            f"neuron must be an nnlib LIFNeuron, got {type(neuron).__name__}. "
            f"Create one with LIFNeuron(tau_m=10.0, v_threshold=-55.0)."
        )
    return neuron


def _slider(
    description: str, value: float, low: float, high: float, step: float, owner: str = "the neuron"
) -> Any:
    # Widen the range rather than let the slider silently clamp a value the neuron really has.
    return float_slider(description, value, min(low, value), max(high, value), step, owner=owner)


def _in_data_coordinates(line: Line2D, x: Any, y: Any) -> None:
    # axhline/axvline span the axes in axes coordinates; the page draws lines in data
    # coordinates, so give the line the same span in data coordinates instead.
    assert line.axes is not None
    line.set_transform(line.axes.transData)
    line.set_data(x, y)


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
        self.current = check_between(current, "current", -MAX_CURRENT, MAX_CURRENT, hint=(
            "It is the input current in nA; try current=2.0."))  # fmt: skip
        max_current = check_between(max_current, "max_current", 0.1, MAX_CURRENT, hint=(
            "It is the current slider's top end in nA; try max_current=5.0."))  # fmt: skip
        self.dt, self.duration = check_time_step(dt, duration, self.neuron.tau_m)
        if self.duration / self.dt > MAX_STEPS:
            raise ValueError(
                f"duration / dt must be at most {MAX_STEPS:,} steps in a panel, which simulates "
                f"again on every move, got {self.duration / self.dt:,.0f}. Use a shorter duration "
                f"or a larger dt, e.g. duration=200.0, dt=0.1."
            )
        self.currents: FloatArray = np.linspace(0.0, max_current, 201, dtype=np.float64)
        self.result: LIFResult = self.neuron.simulate(self.current, dt=dt, duration=duration)
        self.fi_rates: FloatArray = np.asarray(lif_rate(self.neuron, self.currents))
        self.rate_text = readout("nnlib-rate")
        figure = self._draw()
        controls = self._build_controls(max_current)
        super().__init__()
        self.declare(
            controls,
            figure,
            layers=self._layers(),
            feeds={
                "current": {"trace", "point", "text"},
                **{name: {"trace", "fi", "point", "text"} for name in FIELDS},
            },
        )
        self.children = [widgets.VBox(list(controls.values())), self.rate_text, self.canvas]

    def _draw(self) -> Any:
        figure = new_figure(8.0, 2.7)
        trace_ax, fi_ax = figure.subplots(1, 2, gridspec_kw={"width_ratios": [1.7, 1.0]})
        self.trace = plot_voltage_trace(trace_ax, self.result)
        self.fi = plot_fi_curve(
            fi_ax, self.currents, self.fi_rates, self.operating_point, self.neuron.rheobase
        )
        _in_data_coordinates(self.trace.threshold, [0.0, self.duration], [0.0, 0.0])
        _in_data_coordinates(self.fi.rheobase, [0.0, 0.0], [0.0, 0.0])
        legend = trace_ax.get_legend()
        assert legend is not None, "plot_voltage_trace draws a legend"
        for text in legend.get_texts():
            text.set_fontsize(LEGEND_POINTS)
        # Above the axes, as the trace's: the moving lines are drawn over the background, so a
        # legend inside the axes would have the rheobase line run across it.
        fi_ax.legend(
            loc="lower left",
            bbox_to_anchor=(0.0, 1.0),
            ncol=3,
            fontsize=LEGEND_POINTS,
            frameon=False,
            handlelength=1.5,
            columnspacing=1.0,
            borderaxespad=0.2,
        )
        figure.tight_layout()
        return figure

    def _build_controls(self, max_current: float) -> dict[str, widgets.Widget]:
        n = self.neuron
        floor = n.v_reset + 1.0  # the threshold must stay above the reset potential
        return {
            "current": _slider(
                "input current I (nA)", self.current, 0.0, max_current, 0.05, "the simulation"
            ),
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
        """Copy the controls into `.current` and `.neuron` (a new neuron: they are frozen)."""
        self.current = float(self.controls["current"].value)
        if changed & set(FIELDS):
            updates = {FIELDS[name]: float(self.controls[name].value) for name in FIELDS}
            self.neuron = dataclasses.replace(self.neuron, **updates)

    def describe(self) -> str:
        result = self.result
        return (
            f"membrane voltage over {result.duration:.0f} ms at I = {self.current:.2f} nA, "
            f"threshold {self.neuron.v_threshold:.1f} mV: {result.n_spikes} spikes, "
            f"{result.rate:.1f} Hz; f-I curve, rheobase {self.neuron.rheobase:.2f} nA, "
            f"with the current point at {self.current:.2f} nA, {result.rate:.1f} Hz"
        )

    def _layers(self) -> dict[str, Layer]:
        trace, fi = self.trace, self.fi
        return {  # in this order: the point and the text read the trace's new simulation
            "trace": Layer(self._update_trace, [trace.trace, trace.spikes, trace.threshold]),
            "fi": Layer(self._update_fi, [fi.curve, fi.rheobase]),
            "point": Layer(self._update_point, [fi.point]),
            "text": Layer(self._update_text),
        }

    def _update_trace(self) -> None:
        # Computed here, from `.neuron` and `.current`, so a redraw after a change made in code
        # shows that change; the point and the text, updated after the trace, read it.
        self.result = self.neuron.simulate(self.current, dt=self.dt, duration=self.duration)
        update_voltage_trace(self.trace, self.result)

    def _update_fi(self) -> None:
        self.fi_rates = np.asarray(lif_rate(self.neuron, self.currents))
        update_fi_curve(
            self.fi, self.currents, self.fi_rates, self.operating_point, self.neuron.rheobase
        )
        self.fi.rheobase.set_ydata(self.fi.ax.get_ylim())  # bottom to top, as axvline drew it

    def _update_point(self) -> None:
        update_fi_curve(self.fi, None, None, self.operating_point, self.neuron.rheobase)

    def _update_text(self) -> None:
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
