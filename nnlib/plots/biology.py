"""Drawings of the LIF neuron: voltage trace with spikes, f-I curve, f-I against ReLU and σ.

Each `plot_*` takes an Axes and returns its artists; each `update_*` changes them in place.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from matplotlib.axes import Axes
from matplotlib.lines import Line2D

from nnlib.activations import relu, sigmoid
from nnlib.biology import LIFNeuron, LIFResult, lif_rate
from nnlib.plots.palette import COMPARISON, HIGHLIGHT, MODEL, REFERENCE
from nnlib.validation import FloatArray

SPIKE_PEAK = 20.0  # mV: spikes are drawn as lines from threshold up to here


@dataclass(frozen=True)
class VoltageArtists:
    trace: Line2D
    spikes: Line2D
    threshold: Line2D


def spike_lines(spike_times: FloatArray, v_threshold: float) -> tuple[FloatArray, FloatArray]:
    """One vertical segment per spike, threshold → SPIKE_PEAK, separated by NaN: (3k,), (3k,)."""
    x = np.repeat(spike_times, 3)
    y = np.tile([v_threshold, SPIKE_PEAK, np.nan], spike_times.size)
    x[2::3] = np.nan
    return x, y


def plot_voltage_trace(ax: Axes, result: LIFResult) -> VoltageArtists:
    """Membrane voltage (mV) against time (ms), spikes as vertical lines, threshold dashed."""
    (trace,) = ax.plot(
        result.times, result.voltage, color=MODEL, lw=1.2, label="membrane voltage V, spikes"
    )
    (spikes,) = ax.plot(*spike_lines(result.spike_times, result.neuron.v_threshold), color=MODEL)
    threshold = ax.axhline(
        result.neuron.v_threshold, color=REFERENCE, ls="--", lw=1, label="threshold"
    )
    ax.set_xlim(0.0, result.duration)
    ax.set_ylim(-85.0, SPIKE_PEAK + 5.0)
    ax.set_xlabel("time (ms)")
    ax.set_ylabel("membrane voltage (mV)")
    ax.legend(loc="lower left", bbox_to_anchor=(0.0, 1.0), ncol=2, fontsize=8, frameon=False)
    return VoltageArtists(trace, spikes, threshold)


def update_voltage_trace(artists: VoltageArtists, result: LIFResult) -> None:
    artists.trace.set_data(result.times, result.voltage)
    artists.spikes.set_data(*spike_lines(result.spike_times, result.neuron.v_threshold))
    artists.threshold.set_ydata([result.neuron.v_threshold] * 2)


@dataclass(frozen=True)
class FICurveArtists:
    ax: Axes
    curve: Line2D
    point: Line2D
    rheobase: Line2D


def plot_fi_curve(
    ax: Axes, currents: FloatArray, rates: FloatArray, point: tuple[float, float], rheobase: float
) -> FICurveArtists:
    """Rate (Hz) against current (nA), the operating point (I, r) and the rheobase (dotted)."""
    (curve,) = ax.plot(currents, rates, color=MODEL, lw=1.5, label="f-I curve")
    (marker,) = ax.plot(*point, "o", color=HIGHLIGHT, ms=7, label="now")
    line = ax.axvline(rheobase, color=REFERENCE, ls=":", lw=1, label="rheobase")
    ax.set_xlim(float(currents[0]), float(currents[-1]))
    ax.set_xlabel("input current I (nA)")
    ax.set_ylabel("firing rate (Hz)")
    ax.legend(loc="upper left", fontsize=8, framealpha=0.9)
    artists = FICurveArtists(ax, curve, marker, line)
    update_fi_curve(artists, currents, rates, point, rheobase)
    return artists


def update_fi_curve(
    artists: FICurveArtists,
    currents: FloatArray | None,
    rates: FloatArray | None,
    point: tuple[float, float],
    rheobase: float,
) -> None:
    """Move the point; replace the curve (and rescale the rate axis) only when one is given.

    The axis limits stay put while only the point moves, so a live panel can keep its
    background.
    """
    if currents is not None and rates is not None:
        artists.curve.set_data(currents, rates)
        artists.ax.set_ylim(0.0, rate_axis_limit(float(np.max(rates))))
    artists.rheobase.set_xdata([rheobase] * 2)
    artists.point.set_data([point[0]], [point[1]])


def rate_axis_limit(max_rate: float) -> float:
    """The smallest 50·2^k Hz above 1.1 × max_rate: the axis jumps rarely as parameters move."""
    limit = 50.0
    while limit < 1.1 * max_rate:
        limit *= 2.0
    return limit


def matched_relu(currents: FloatArray, rates: FloatArray, rheobase: float) -> FloatArray:
    """k·ReLU(I − I_rh): the gain k fitted by least squares where the rate is below half its max.

    The fit leaves out the saturating part, which is exactly what a ReLU cannot follow.
    """
    above = relu(currents - rheobase)
    rising = rates <= 0.5 * float(np.max(rates))
    fit = above[rising]
    gain = float(fit @ rates[rising] / (fit @ fit)) if fit.any() else 0.0
    return gain * above


def matched_sigmoid(currents: FloatArray, rates: FloatArray, ceiling: float) -> FloatArray:
    """ceiling·σ((I − I½)/s): centred where the rate is half the ceiling, slopes matched there."""
    half = float(np.interp(ceiling / 2.0, rates, currents))
    slope = float(np.interp(half, currents, np.gradient(rates, currents)))
    width = ceiling / (4.0 * slope) if slope > 0 else 1.0
    return ceiling * sigmoid((currents - half) / width)


@dataclass(frozen=True)
class ActivationComparisonArtists:
    ax: Axes
    lif: Line2D
    relu: Line2D
    sigmoid: Line2D
    ceiling: Line2D


def _comparison_data(neuron: LIFNeuron, currents: FloatArray) -> dict[str, FloatArray]:
    rates = np.asarray(lif_rate(neuron, currents))
    ceiling = neuron.max_rate if np.isfinite(neuron.max_rate) else float(rates.max())
    return {
        "lif": rates,
        "relu": matched_relu(currents, rates, neuron.rheobase),
        "sigmoid": matched_sigmoid(currents, rates, ceiling),
        "ceiling": np.array([ceiling, ceiling]),
    }


def plot_fi_vs_activations(
    ax: Axes, neuron: LIFNeuron, currents: FloatArray
) -> ActivationComparisonArtists:
    """The LIF rate over a scaled ReLU and a scaled sigmoid, with the 1/t_ref ceiling."""
    data = _comparison_data(neuron, currents)
    (lif,) = ax.plot(currents, data["lif"], color=MODEL, lw=2.5, label="LIF neuron (f-I)")
    (rel,) = ax.plot(currents, data["relu"], color=COMPARISON, lw=1.5, ls="--", label="scaled ReLU")
    (sig,) = ax.plot(currents, data["sigmoid"], color=COMPARISON, lw=1.2, ls="-.", label="scaled σ")
    (top,) = ax.plot(
        currents[[0, -1]], data["ceiling"], color=REFERENCE, lw=0.8, ls=":", label="1 / t_ref"
    )
    ax.set_xlim(float(currents[0]), float(currents[-1]))
    ax.set_ylim(0.0, 1.15 * float(data["ceiling"][0]))
    ax.set_xlabel("input current I (nA)")
    ax.set_ylabel("firing rate (Hz)")
    ax.legend(loc="lower right", fontsize=8, framealpha=0.9)
    return ActivationComparisonArtists(ax, lif, rel, sig, top)


def update_fi_vs_activations(
    artists: ActivationComparisonArtists, neuron: LIFNeuron, currents: FloatArray
) -> None:
    data = _comparison_data(neuron, currents)
    for name in ("lif", "relu", "sigmoid"):
        getattr(artists, name).set_data(currents, data[name])
    artists.ceiling.set_data(currents[[0, -1]], data["ceiling"])
    artists.ax.set_ylim(0.0, 1.15 * float(data["ceiling"][0]))
