"""Poisson inputs through weighted synapses drive a LIF neuron as a weighted sum drives a unit."""

from __future__ import annotations

import numpy as np
import pytest

from nnlib.biology import LIFNeuron, lif_rate
from nnlib.synapses import (
    artificial_counterpart,
    poisson_spike_trains,
    simulate_synaptic_drive,
    synaptic_current,
)

WEIGHTS = np.array([3.0, 2.0, -1.0])  # nA per spike; the last synapse is inhibitory
RATES = np.array([100.0, 80.0, 40.0])  # Hz


def test_poisson_trains_have_the_requested_rates_and_shape() -> None:
    spikes = poisson_spike_trains([5.0, 50.0, 0.0], 10_000.0, 0.1, np.random.default_rng(0))
    assert spikes.shape == (100_000, 3) and spikes.dtype == bool
    measured = spikes.sum(axis=0) / 10.0  # spikes per second over 10 s
    np.testing.assert_allclose(measured[:2], [5.0, 50.0], rtol=0.1)
    assert measured[2] == 0.0


def test_same_seed_gives_same_trains_and_different_seeds_differ() -> None:
    def draw(seed: int) -> np.ndarray:
        return poisson_spike_trains([40.0], 500.0, 0.1, np.random.default_rng(seed))

    assert np.array_equal(draw(1), draw(1))
    assert not np.array_equal(draw(1), draw(2))


def test_each_spike_carries_charge_weight_times_tau_syn() -> None:
    spikes = np.zeros((2000, 2))
    spikes[10, 0] = 1.0
    current = synaptic_current(spikes, [2.0, 5.0], tau_syn=5.0, dt=0.1)
    assert current[:10].max() == 0.0
    assert current[10] == pytest.approx(2.0, rel=0.02)  # a jump of about w
    assert current.sum() * 0.1 == pytest.approx(2.0 * 5.0, rel=1e-6)  # ∫ I dt = w·τ_syn


def test_mean_current_is_the_weighted_sum_of_rates() -> None:
    run = simulate_synaptic_drive(WEIGHTS, RATES, rng=np.random.default_rng(3), duration=5000.0)
    assert run.mean_current == pytest.approx(5.0 / 1000.0 * (300.0 + 160.0 - 40.0))
    assert run.current.mean() == pytest.approx(run.mean_current, rel=0.05)
    assert run.lif.current is run.current or np.array_equal(run.lif.current, run.current)


def test_spiking_rate_tracks_the_artificial_neurons_output() -> None:
    rng = np.random.default_rng(4)
    twin = artificial_counterpart(WEIGHTS)
    scales = [1.0, 1.5, 2.0, 3.0]
    rates = [simulate_synaptic_drive(WEIGHTS, RATES * s, rng=rng).rate for s in scales]
    outputs = [twin(RATES * s) for s in scales]
    assert np.all(np.diff(rates) > 0) and np.all(np.diff(outputs) > 0)
    # Driven well above rheobase, the noisy drive fires close to the constant-current rate.
    expected = lif_rate(LIFNeuron(), twin.pre_activation(RATES * 3.0) + 1.5)
    assert rates[-1] == pytest.approx(expected, rel=0.1)


def test_counterpart_has_scaled_weights_and_minus_rheobase_as_bias() -> None:
    twin = artificial_counterpart(WEIGHTS, LIFNeuron(v_threshold=-50.0), tau_syn=10.0)
    np.testing.assert_allclose(twin.weight.data, WEIGHTS * 0.01)
    assert float(twin.bias.data) == pytest.approx(-2.0)
    assert twin.activation == "relu"


def test_bad_inputs_get_clear_messages() -> None:
    rng = np.random.default_rng(0)
    with pytest.raises(ValueError, match=r"rates must be zero or positive \(Hz\), got -5.0"):
        poisson_spike_trains([10.0, -5.0], 100.0, 0.1, rng)
    with pytest.raises(ValueError, match="rate · dt / 1000 ≤ 1"):
        poisson_spike_trains([20_000.0], 100.0, 0.1, rng)
    with pytest.raises(TypeError, match=r"rng must be a numpy\.random\.Generator, got int"):
        poisson_spike_trains([10.0], 100.0, 0.1, 42)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="got 3 weights and 2 rates"):
        simulate_synaptic_drive(WEIGHTS, [1.0, 2.0], rng=rng)
    with pytest.raises(ValueError, match=r"tau_syn must be positive \(ms\), got 0.0"):
        simulate_synaptic_drive(WEIGHTS, RATES, rng=rng, tau_syn=0.0)
    with pytest.raises(ValueError, match=r"spikes must have shape \(n_steps, 3\)"):
        synaptic_current(np.zeros((10, 2)), WEIGHTS, tau_syn=5.0, dt=0.1)
