"""The LIF neuron: simulation against the closed form, rheobase, refractoriness, dt, bad input."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from nnlib.biology import (
    LIFNeuron,
    fi_curve,
    firing_rate,
    lif_rate,
    lif_rate_analytic,
    rheobase,
    simulate_lif,
)

ABOVE_RHEOBASE = [1.6, 2.0, 3.0, 4.0, 5.0]  # nA; the default rheobase is 1.5 nA


def test_defaults_are_textbook_values_and_rheobase_follows_from_them() -> None:
    neuron = LIFNeuron()
    assert (neuron.tau_m, neuron.v_rest, neuron.v_threshold) == (10.0, -70.0, -55.0)
    assert (neuron.v_reset, neuron.resistance, neuron.refractory) == (-75.0, 10.0, 2.0)
    assert neuron.rheobase == pytest.approx(1.5)
    assert rheobase(v_threshold=-50.0, resistance=20.0) == pytest.approx(1.0)
    assert neuron.max_rate == pytest.approx(500.0)


def test_simulated_fi_curve_agrees_with_closed_form_within_two_percent() -> None:
    simulated = fi_curve(ABOVE_RHEOBASE, dt=0.1, duration=2000.0)
    analytic = lif_rate_analytic(np.array(ABOVE_RHEOBASE))
    assert (simulated > 0).all()
    np.testing.assert_allclose(simulated, analytic, rtol=0.02)


def test_closed_form_on_other_parameters_matches_a_fine_simulation() -> None:
    neuron = LIFNeuron(tau_m=20.0, v_threshold=-50.0, v_reset=-65.0, refractory=5.0)
    for current in (2.5, 4.0):
        run = neuron.simulate(current, dt=0.01, duration=1000.0)
        assert run.rate == pytest.approx(neuron.rate(current), rel=0.01)


def test_closed_form_matches_a_hand_computed_value() -> None:
    # I = 2 nA: V∞ = −50 mV, climb = 10·ln(25 / 5) ms, plus 2 ms refractory.
    expected = 1000.0 / (2.0 + 10.0 * np.log(5.0))
    assert lif_rate_analytic(2.0) == pytest.approx(expected)


def test_no_spikes_at_or_below_rheobase() -> None:
    neuron = LIFNeuron()
    for current in (0.0, 0.5, 1.0, 1.49, neuron.rheobase):
        assert neuron.simulate(current, duration=1000.0).n_spikes == 0
        assert lif_rate(neuron, current) == 0.0
    assert neuron.simulate(1.52, duration=1000.0).n_spikes > 0  # negative control


def test_membrane_settles_at_rest_plus_r_times_i_below_threshold() -> None:
    run = simulate_lif(1.0, duration=200.0)
    assert run.voltage[-1] == pytest.approx(-70.0 + 10.0 * 1.0, abs=1e-6)
    assert run.voltage.max() < -55.0


def test_no_two_spikes_closer_than_the_refractory_period() -> None:
    for refractory in (1.0, 2.0, 5.0):
        run = simulate_lif(50.0, refractory=refractory, duration=300.0)
        gaps = np.diff(run.spike_times)
        assert run.n_spikes > 10
        assert gaps.min() >= refractory - 1e-9
        # A huge current fires almost as soon as the refractory period ends.
        assert gaps.min() < refractory + 0.5


def test_rate_saturates_at_one_over_refractory_period() -> None:
    neuron = LIFNeuron(refractory=5.0)
    rates = neuron.rate(np.array([10.0, 100.0, 1000.0]))
    assert (np.diff(rates) > 0).all()
    assert rates[-1] < 200.0 and rates[-1] > 195.0


def test_results_do_not_depend_on_dt_once_it_is_small() -> None:
    rates = [simulate_lif(3.0, dt=dt, duration=1000.0).rate for dt in (0.05, 0.02, 0.01)]
    assert max(rates) - min(rates) < 0.01 * max(rates)
    coarse = simulate_lif(3.0, dt=2.0, duration=1000.0).rate
    assert abs(coarse - rates[-1]) > 0.03 * rates[-1]  # negative control: a step too big differs


def test_voltage_trace_shape_times_and_reset_after_each_spike() -> None:
    run = simulate_lif(2.0, dt=0.1, duration=100.0)
    assert run.times.shape == run.voltage.shape == (1001,)
    assert run.times[-1] == pytest.approx(100.0)
    steps = np.rint(run.spike_times / 0.1).astype(int)
    np.testing.assert_allclose(run.voltage[steps], -75.0)
    assert run.voltage.max() < -55.0  # V is reset in the same step it crosses threshold


def test_time_series_current_is_used_step_by_step() -> None:
    current = np.zeros(2000)
    current[1000:] = 3.0  # switched on at 100 ms
    run = simulate_lif(current, dt=0.1, duration=200.0)
    assert run.n_spikes > 0
    assert run.spike_times.min() > 100.0
    np.testing.assert_allclose(run.voltage[:1000], -70.0)


def test_firing_rate_from_intervals_and_from_counts() -> None:
    assert firing_rate([10.0, 30.0, 50.0], 100.0) == pytest.approx(50.0)
    assert firing_rate([10.0], 500.0) == pytest.approx(2.0)
    assert firing_rate([], 500.0) == 0.0


@pytest.mark.parametrize(
    ("kwargs", "error", "message"),
    [
        ({"tau_m": -10.0}, ValueError, "tau_m must be positive (ms), got -10.0"),
        ({"tau_m": 0.0}, ValueError, "tau_m must be positive (ms), got 0.0"),
        ({"resistance": 0.0}, ValueError, "resistance must be positive (MΩ), got 0.0"),
        ({"refractory": -1.0}, ValueError, "refractory must be zero or positive (ms), got -1.0"),
        ({"v_threshold": -80.0}, ValueError, "v_threshold must be above v_reset"),
        ({"v_rest": float("nan")}, ValueError, "v_rest must be a finite number, got nan"),
        ({"tau_m": "10"}, TypeError, "tau_m must be a single real number, got str '10'"),
        ({"dt": 0.0}, ValueError, "dt must be positive (ms), got 0.0"),
        ({"dt": -0.1}, ValueError, "dt must be positive (ms), got -0.1"),
        ({"dt": 20.0}, ValueError, "dt must be much smaller than the time constant tau = 10.0 ms"),
        ({"duration": -5.0}, ValueError, "duration must be positive (ms), got -5.0"),
        ({"dt": 5.0, "duration": 1.0}, ValueError, "dt must not exceed duration"),
        ({"dt": 1e-5, "duration": 1e3}, ValueError, "duration / dt must be at most"),
        ({"duration": float("inf")}, ValueError, "duration must be a finite number, got inf"),
    ],
)
def test_bad_parameters_are_refused_with_clear_messages(
    kwargs: dict[str, object], error: type[Exception], message: str
) -> None:
    with pytest.raises(error) as caught:
        simulate_lif(2.0, **kwargs)  # type: ignore[arg-type]
    assert message in str(caught.value)


def test_current_of_the_wrong_length_says_how_many_values_are_needed() -> None:
    with pytest.raises(ValueError, match="got 1500") as caught:
        simulate_lif(np.zeros(1500), dt=0.1, duration=200.0)
    assert "one value per time step: duration / dt = 200.0 / 0.1 = 2000 values" in str(caught.value)


def test_current_with_nan_or_strings_or_2d_is_refused() -> None:
    with pytest.raises(
        ValueError, match=r"current must hold only finite numbers, got nan at index \(3,\)"
    ):
        simulate_lif(np.r_[np.zeros(3), np.nan, np.zeros(6)], dt=0.1, duration=1.0)
    with pytest.raises(TypeError, match="current must be a single real number, got str 'big'"):
        simulate_lif("big")
    with pytest.raises(ValueError, match="current must be 1-D, got a 2-D array"):
        simulate_lif(np.zeros((10, 2)), duration=1.0)


def test_keyword_helpers_refuse_unknown_parameter_names() -> None:
    with pytest.raises(TypeError, match=r"parameter\(s\) tau\. Valid names: tau_m, v_rest"):
        lif_rate_analytic(2.0, tau=10.0)
    with pytest.raises(ValueError, match="currents must be 1-D"):
        fi_curve(np.ones((2, 2)))


@settings(max_examples=40, deadline=None)
@given(
    tau_m=st.floats(2.0, 40.0),
    gap=st.floats(5.0, 30.0),
    refractory=st.floats(0.0, 10.0),
    currents=st.lists(st.floats(0.0, 20.0), min_size=2, max_size=10),
)
def test_closed_form_rate_is_monotone_and_below_the_refractory_ceiling(
    tau_m: float, gap: float, refractory: float, currents: list[float]
) -> None:
    neuron = LIFNeuron(tau_m=tau_m, v_threshold=-70.0 + gap, refractory=refractory)
    ordered = np.sort(np.array(currents))
    rates = neuron.rate(ordered)
    assert (np.diff(rates) >= 0).all()
    assert (rates < neuron.max_rate).all()
    assert ((rates > 0) == (ordered > neuron.rheobase)).all()


@settings(max_examples=15, deadline=None)
@given(tau_m=st.floats(5.0, 30.0), excess=st.floats(0.1, 1.5))
def test_simulation_agrees_with_closed_form_for_random_neurons(tau_m: float, excess: float) -> None:
    neuron = LIFNeuron(tau_m=tau_m)
    current = neuron.rheobase * (1.0 + excess)
    simulated = neuron.simulate(current, dt=0.05, duration=2000.0).rate
    assert simulated == pytest.approx(neuron.rate(current), rel=0.02)
