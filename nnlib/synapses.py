"""Synapses: presynaptic spike trains, weighted, drive a LIF neuron, and an artificial twin.

Units: time in ms, rates in Hz, weights in nA (the jump in synaptic current per spike).
Each presynaptic spike at synapse i adds a current pulse of about w_i nA that decays with
τ_syn, and carries a total charge of w_i·τ_syn. At rates r_i the mean current is therefore

    Ī = (τ_syn / 1000) · Σ_i w_i r_i   (nA),

a weighted sum of the input rates: exactly the pre-activation z = w·x of an artificial neuron.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

import numpy as np
from numpy.typing import NDArray

from nnlib.biology import LIFNeuron, LIFResult, check_neuron, check_time_step
from nnlib.neuron import Neuron
from nnlib.validation import FloatArray, as_float, as_float_array, check_rng

MAX_SPIKE_ENTRIES = 100_000_000  # steps × inputs of one set of spike trains: 100 MB of bools


def poisson_spike_trains(
    rates: Any, duration: float, dt: float, rng: np.random.Generator
) -> NDArray[np.bool_]:
    """Independent Poisson spike trains: rates (n,) Hz → spikes (round(duration/dt), n) bools.

    In each step of dt ms, input i spikes with probability r_i · dt / 1000.
    """
    values = _check_rates(rates)
    dt, duration = check_time_step(dt, duration, math.inf)
    n_steps = round(duration / dt)
    if n_steps * values.size > MAX_SPIKE_ENTRIES:
        raise ValueError(
            f"rates, duration and dt ask for {n_steps:,} steps × {values.size:,} inputs = "
            f"{n_steps * values.size:,} spike entries, more than {MAX_SPIKE_ENTRIES:,}. Use "
            f"fewer inputs, a shorter duration or a larger dt."
        )
    probabilities = values * dt / 1000.0
    if probabilities.max(initial=0.0) > 1.0:
        raise ValueError(
            f"rates must satisfy rate · dt / 1000 ≤ 1 (one spike per step at most), got a rate "
            f"of {values.max()} Hz with dt={dt} ms. Use a smaller dt or a lower rate."
        )
    generator = check_rng(rng)
    return generator.random((n_steps, values.size)) < probabilities


def synaptic_current(spikes: Any, weights: Any, *, tau_syn: float, dt: float) -> FloatArray:
    """I[k] = I[k−1]·e^(−dt/τ_syn) + jump·(spikes[k] · w): spikes (n_steps, n), w (n,) → (n_steps,).

    The jump is scaled so that each spike carries exactly w·τ_syn of charge.
    """
    tau_syn = _check_tau_syn(tau_syn)
    dt = as_float(dt, "dt")
    if dt <= 0:
        raise ValueError(f"dt must be positive (ms), got {dt}. Use the dt of the spike trains.")
    w = as_float_array(weights, "weights", ndim=(1,))
    trains = as_float_array(spikes, "spikes", ndim=(2,))
    if trains.shape[1] != w.size:
        raise ValueError(
            f"spikes must have shape (n_steps, {w.size}), one column per weight, got shape "
            f"{trains.shape}. Make them with poisson_spike_trains(rates, ...)."
        )
    decay = math.exp(-dt / tau_syn)
    kicks = (trains @ w * ((1.0 - decay) * tau_syn / dt)).tolist()
    current, level = [], 0.0
    for kick in kicks:
        level = level * decay + kick
        current.append(level)
    return np.asarray(current, dtype=np.float64)


@dataclass(frozen=True, eq=False)  # holds arrays, which have no single truth value
class SynapticRun:
    """Inputs (n_steps, n) spikes, the synaptic current (n_steps,) nA and the LIF's response."""

    weights: FloatArray
    rates: FloatArray
    tau_syn: float
    input_spikes: NDArray[np.bool_]
    current: FloatArray
    lif: LIFResult

    @property
    def mean_current(self) -> float:
        """The expected current (τ_syn / 1000) · w·r in nA, the artificial neuron's z."""
        return self.tau_syn / 1000.0 * float(self.weights @ self.rates)

    @property
    def rate(self) -> float:
        """The output rate in Hz, spikes counted over the whole run."""
        return 1000.0 * self.lif.n_spikes / self.lif.duration


def simulate_synaptic_drive(
    weights: Any,
    rates: Any,
    *,
    rng: np.random.Generator,
    neuron: LIFNeuron | None = None,
    tau_syn: float = 5.0,
    dt: float = 0.1,
    duration: float = 1000.0,
) -> SynapticRun:
    """Poisson inputs at `rates` (n,) Hz, through synapses `weights` (n,) nA, into a LIF neuron."""
    w = as_float_array(weights, "weights", ndim=(1,))
    r = _check_rates(rates)
    if w.size != r.size:
        raise ValueError(
            f"weights and rates must have the same length, one per synapse, got {w.size} weights "
            f"and {r.size} rates."
        )
    neuron = check_neuron(neuron)
    tau_syn = _check_tau_syn(tau_syn)
    check_time_step(dt, duration, neuron.tau_m)  # everything is checked before rng is drawn from
    check_rng(rng)
    spikes = poisson_spike_trains(r, duration, dt, rng)
    current = synaptic_current(spikes, w, tau_syn=tau_syn, dt=dt)
    lif = neuron.simulate(current, dt=dt, duration=duration)
    return SynapticRun(w, r, float(tau_syn), spikes, current, lif)


def artificial_counterpart(
    weights: Any,
    neuron: LIFNeuron | None = None,
    *,
    tau_syn: float = 5.0,
    activation: str = "relu",
) -> Neuron:
    """The artificial neuron a = f(w'·r + b) with w' = w·τ_syn/1000 and b = −rheobase (nA).

    Fed the same rates (n,) Hz, its z is the mean synaptic current minus the rheobase: positive
    exactly when the mean drive alone would make the LIF neuron fire.
    """
    neuron = check_neuron(neuron)
    tau_syn = _check_tau_syn(tau_syn)
    w = as_float_array(weights, "weights", ndim=(1,))
    return Neuron(w * tau_syn / 1000.0, bias=-neuron.rheobase, activation=activation)


def _check_rates(rates: Any) -> FloatArray:
    values = as_float_array(rates, "rates", ndim=(1,))
    if (values < 0).any():
        raise ValueError(
            f"rates must be zero or positive (Hz), got {values.min()}. A firing rate counts "
            f"spikes per second; use weights, not rates, for inhibition."
        )
    return values


def _check_tau_syn(tau_syn: Any) -> float:
    value = as_float(tau_syn, "tau_syn")
    if value <= 0:
        raise ValueError(f"tau_syn must be positive (ms), got {value}. A typical value is 5 ms.")
    return value
