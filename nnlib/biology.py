"""A leaky integrate-and-fire (LIF) neuron: the simplest spiking model of a biological neuron.

Units throughout: time in ms, voltage in mV, current in nA, resistance in MΩ (so R·I is in mV),
firing rates in Hz (spikes per second).

Below threshold the membrane is a leaky capacitor, τ_m dV/dt = −(V − V_rest) + R·I(t). When V
reaches V_threshold the neuron fires a spike, V is reset to V_reset and held there for the
refractory period. This is the model of Lapicque (1907), in the form of Gerstner et al.,
"Neuronal Dynamics", chapter 1.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from nnlib.validation import FloatArray, as_float, as_float_array

MAX_STEPS = 10_000_000  # a longer run would fill memory; nobody needs it in a lesson


@dataclass(frozen=True)
class LIFNeuron:
    """Parameters of a LIF neuron, with textbook defaults (ms, mV, MΩ)."""

    tau_m: float = 10.0  # membrane time constant τ_m = R·C
    v_rest: float = -70.0  # resting potential, where the leak pulls V back to
    v_threshold: float = -55.0  # a spike is fired when V reaches this
    v_reset: float = -75.0  # V right after a spike (below rest: the after-hyperpolarisation)
    resistance: float = 10.0  # membrane resistance R
    refractory: float = 2.0  # absolute refractory period: no integration, no spikes

    def __post_init__(self) -> None:
        for name in ("tau_m", "v_rest", "v_threshold", "v_reset", "resistance", "refractory"):
            object.__setattr__(self, name, as_float(getattr(self, name), name))
        _check_positive(self.tau_m, "tau_m", "ms", "The membrane time constant is about 10 ms.")
        _check_positive(self.resistance, "resistance", "MΩ", "A typical value is 10 MΩ.")
        if self.refractory < 0:
            raise ValueError(
                f"refractory must be zero or positive (ms), got {self.refractory}. "
                f"Use 0 for no refractory period, or about 2 ms."
            )
        if self.v_threshold <= self.v_reset:
            raise ValueError(
                f"v_threshold must be above v_reset, got v_threshold={self.v_threshold} mV and "
                f"v_reset={self.v_reset} mV. Otherwise the neuron would fire again at once; "
                f"try v_threshold=-55 and v_reset=-75."
            )

    @property
    def rheobase(self) -> float:
        """I_rh = (V_threshold − V_rest) / R in nA: the smallest constant current that fires."""
        return (self.v_threshold - self.v_rest) / self.resistance

    @property
    def max_rate(self) -> float:
        """1000 / t_ref in Hz: the ceiling the refractory period puts on the rate (inf if 0)."""
        return math.inf if self.refractory == 0 else 1000.0 / self.refractory

    def rate(self, current: Any) -> Any:
        """The closed-form steady firing rate (Hz) for a constant current (nA); see lif_rate."""
        return lif_rate(self, current)

    def simulate(self, current: Any, *, dt: float = 0.1, duration: float = 200.0) -> LIFResult:
        """Run this neuron on `current` (nA, a constant or one value per step) for `duration` ms."""
        return _simulate(self, current, dt, duration)


@dataclass(frozen=True, eq=False)  # holds arrays, which have no single truth value
class LIFResult:
    """A simulated run: times (n+1,) ms, voltage (n+1,) mV, spike_times (k,) ms, current (n,) nA."""

    neuron: LIFNeuron
    times: FloatArray
    voltage: FloatArray
    spike_times: FloatArray
    current: FloatArray = field(repr=False)
    dt: float
    duration: float

    @property
    def n_spikes(self) -> int:
        return int(self.spike_times.size)

    @property
    def rate(self) -> float:
        """The steady firing rate in Hz, from the inter-spike intervals; see firing_rate."""
        return firing_rate(self.spike_times, self.duration)


def simulate_lif(
    current: Any,
    *,
    tau_m: float = 10.0,
    v_rest: float = -70.0,
    v_threshold: float = -55.0,
    v_reset: float = -75.0,
    resistance: float = 10.0,
    refractory: float = 2.0,
    dt: float = 0.1,
    duration: float = 200.0,
) -> LIFResult:
    """Euler steps of τ_m dV/dt = −(V − V_rest) + R·I(t), with spike, reset and refractory period.

    current: a constant in nA, or an array of shape (round(duration / dt),), one value per step.
    The run starts at rest, V(0) = V_rest. Returns times, voltage and spike times in ms and mV.
    """
    neuron = LIFNeuron(tau_m, v_rest, v_threshold, v_reset, resistance, refractory)
    return _simulate(neuron, current, dt, duration)


def _simulate(neuron: LIFNeuron, current: Any, dt: float, duration: float) -> LIFResult:
    dt, duration = check_time_step(dt, duration, neuron.tau_m)
    n_steps = round(duration / dt)
    drive = _current_series(current, n_steps, dt, duration)
    voltage, spike_steps = _euler(neuron, drive.tolist(), dt)
    times = np.arange(n_steps + 1, dtype=np.float64) * dt
    spike_times = np.asarray(spike_steps, dtype=np.float64) * dt
    return LIFResult(neuron, times, np.asarray(voltage), spike_times, drive, dt, duration)


def _euler(neuron: LIFNeuron, drive: list[float], dt: float) -> tuple[list[float], list[int]]:
    # Plain Python floats: for one neuron this loop is several times faster than numpy scalars.
    leak, v_rest, resistance = dt / neuron.tau_m, neuron.v_rest, neuron.resistance
    v_threshold, v_reset = neuron.v_threshold, neuron.v_reset
    hold_steps = round(neuron.refractory / dt)
    v, held = v_rest, 0
    voltage, spikes = [v], []
    for step, i in enumerate(drive):
        if held > 0:
            held -= 1  # refractory: V is clamped at reset and inputs are ignored
        else:
            v += leak * (v_rest - v + resistance * i)
            if v >= v_threshold:
                spikes.append(step + 1)
                v, held = v_reset, hold_steps
        voltage.append(v)
    return voltage, spikes


def check_time_step(dt: Any, duration: Any, tau: float) -> tuple[float, float]:
    """Validate dt and duration (ms): 0 < dt < tau, dt ≤ duration, not too many steps."""
    dt, duration = as_float(dt, "dt"), as_float(duration, "duration")
    _check_positive(dt, "dt", "ms", "A good step is tau_m / 100, e.g. dt=0.1.")
    _check_positive(duration, "duration", "ms", "Try duration=200.")
    if dt >= tau:
        raise ValueError(
            f"dt must be much smaller than the time constant tau = {tau} ms, got dt={dt} ms. "
            f"With a step that large the Euler method is wrong or unstable; use dt ≤ {tau / 10} ms."
        )
    if dt > duration:
        raise ValueError(f"dt must not exceed duration, got dt={dt} ms and duration={duration} ms.")
    if duration / dt > MAX_STEPS:
        raise ValueError(
            f"duration / dt must be at most {MAX_STEPS:,} steps, got {duration / dt:,.0f}. "
            f"Use a larger dt or a shorter duration."
        )
    return dt, duration


def _current_series(current: Any, n_steps: int, dt: float, duration: float) -> FloatArray:
    if np.ndim(current) == 0:
        return np.full(n_steps, as_float(current, "current"))
    series = as_float_array(current, "current", ndim=(1,))
    if series.size != n_steps:
        raise ValueError(
            f"current must have one value per time step: duration / dt = {duration} / {dt} = "
            f"{n_steps} values, got {series.size}. Pass a constant, or an array of length "
            f"{n_steps}."
        )
    return series


def firing_rate(spike_times: Any, duration: Any) -> float:
    """Rate in Hz: 1000 / mean inter-spike interval (ms) if ≥ 2 spikes, else 1000 · count / T.

    The interval-based rate leaves out the run-up from rest to the first spike, so it measures
    the steady rate that lif_rate predicts.
    """
    spikes = as_float_array(spike_times, "spike_times", ndim=(1,))
    length = as_float(duration, "duration")
    _check_positive(length, "duration", "ms", "Pass the length of the run.")
    steps = np.diff(spikes)
    if (steps <= 0).any():
        at = int(np.argmax(steps <= 0))
        raise ValueError(
            f"spike_times must be strictly increasing (ms), got {spikes[at]:g} followed by "
            f"{spikes[at + 1]:g} at index {at + 1}. Pass the times in the order the spikes "
            f"happened, e.g. sorted(times), each spike once."
        )
    if spikes.size >= 2:
        return 1000.0 * (spikes.size - 1) / float(spikes[-1] - spikes[0])
    return 1000.0 * spikes.size / length


def fi_curve(
    currents: Any, neuron: LIFNeuron | None = None, *, dt: float = 0.1, duration: float = 1000.0
) -> FloatArray:
    """Simulated firing rate (Hz) for each constant current: currents (n,) nA → rates (n,)."""
    neuron = check_neuron(neuron)
    values = as_float_array(currents, "currents", ndim=(1,))
    check_time_step(dt, duration, neuron.tau_m)  # once, before the first run
    return np.array([neuron.simulate(i, dt=dt, duration=duration).rate for i in values])


def lif_rate(neuron: LIFNeuron, current: Any) -> Any:
    """r = 1000 / (t_ref + τ_m ln((V∞ − V_reset) / (V∞ − V_th))) Hz with V∞ = V_rest + R·I.

    The rate is 0 when V∞ ≤ V_th: the membrane settles below threshold and never fires.

    After a spike V starts at V_reset and relaxes towards V∞ as V∞ + (V_reset − V∞)e^(−t/τ_m);
    solving V(T) = V_th gives the climb time T. current: float or array (nA) → same shape.
    """
    neuron = check_neuron(neuron, allow_none=False)
    scalar = np.ndim(current) == 0
    i = np.asarray(as_float(current, "current") if scalar else as_float_array(current, "current"))
    v_inf = neuron.v_rest + neuron.resistance * i
    fires = v_inf > neuron.v_threshold
    # Only firing entries reach the log, so its argument is always > 1.
    safe = np.where(fires, v_inf, neuron.v_threshold + 1.0)
    climb = neuron.tau_m * np.log((safe - neuron.v_reset) / (safe - neuron.v_threshold))
    rate = np.where(fires, 1000.0 / (neuron.refractory + climb), 0.0)
    return float(rate) if rate.ndim == 0 else rate


def lif_rate_analytic(current: Any, **params: float) -> Any:
    """lif_rate for a LIFNeuron built from keywords, e.g. lif_rate_analytic(2.0, tau_m=20)."""
    return lif_rate(_neuron_from(params), current)


def rheobase(**params: float) -> float:
    """(V_threshold − V_rest) / R in nA for a LIFNeuron built from keyword parameters."""
    return _neuron_from(params).rheobase


def _neuron_from(params: dict[str, float]) -> LIFNeuron:
    known = set(LIFNeuron.__dataclass_fields__)
    unknown = sorted(set(params) - known)
    if unknown:
        raise TypeError(
            f"Unknown LIF parameter(s) {', '.join(unknown)}. Valid names: "
            f"{', '.join(LIFNeuron.__dataclass_fields__)}."
        )
    return LIFNeuron(**params)


def check_neuron(neuron: Any, *, allow_none: bool = True) -> LIFNeuron:
    """A LIFNeuron, or the default LIFNeuron() for None where that is allowed."""
    if neuron is None and allow_none:
        return LIFNeuron()
    if not isinstance(neuron, LIFNeuron):
        default = " (or None for the default one)" if allow_none else ""
        raise TypeError(
            f"neuron must be a LIFNeuron{default}, got {type(neuron).__name__} {neuron!r}. "
            f"Make one with LIFNeuron(tau_m=10.0, ...), or pass its parameters by keyword."
        )
    return neuron


def _check_positive(value: float, name: str, unit: str, advice: str) -> None:
    if value <= 0:
        raise ValueError(f"{name} must be positive ({unit}), got {value}. {advice}")
