"""The LIF drawings hold the data they claim, and their update_* functions change it in place."""

from __future__ import annotations

import numpy as np
import pytest

from nnlib.biology import LIFNeuron, lif_rate, simulate_lif
from nnlib.plots.biology import (
    SPIKE_PEAK,
    matched_relu,
    matched_sigmoid,
    plot_fi_curve,
    plot_fi_vs_activations,
    plot_voltage_trace,
    rate_axis_limit,
    spike_lines,
    update_fi_curve,
    update_fi_vs_activations,
    update_voltage_trace,
)
from nnlib.plots.diagrams_biology import draw_biological_neuron
from nnlib.plots.payload import png
from nnlib.plots.style import new_figure

CURRENTS = np.linspace(0.0, 5.0, 101)


def test_spike_lines_are_one_nan_separated_segment_per_spike() -> None:
    x, y = spike_lines(np.array([5.0, 12.0]), -55.0)
    np.testing.assert_array_equal(x[[0, 1, 3, 4]], [5.0, 5.0, 12.0, 12.0])
    np.testing.assert_array_equal(y[[0, 1, 3, 4]], [-55.0, SPIKE_PEAK, -55.0, SPIKE_PEAK])
    assert np.isnan(x[2]) and np.isnan(y[5])


def test_voltage_trace_shows_the_run_and_updates_in_place() -> None:
    ax = new_figure().add_subplot()
    first = simulate_lif(2.0, duration=100.0)
    artists = plot_voltage_trace(ax, first)
    np.testing.assert_array_equal(artists.trace.get_ydata(), first.voltage)
    assert len(artists.spikes.get_xdata()) == 3 * first.n_spikes > 0
    second = simulate_lif(3.0, v_threshold=-50.0, duration=100.0)
    update_voltage_trace(artists, second)
    np.testing.assert_array_equal(artists.trace.get_ydata(), second.voltage)
    assert len(artists.spikes.get_xdata()) == 3 * second.n_spikes != 3 * first.n_spikes
    assert list(artists.threshold.get_ydata()) == [-50.0, -50.0]
    assert len(ax.lines) == 3  # nothing added on update


def test_fi_curve_marks_the_operating_point_and_rheobase() -> None:
    ax = new_figure().add_subplot()
    neuron = LIFNeuron()
    rates = lif_rate(neuron, CURRENTS)
    artists = plot_fi_curve(ax, CURRENTS, rates, (2.0, 55.0), neuron.rheobase)
    np.testing.assert_array_equal(artists.curve.get_ydata(), rates)
    assert list(artists.point.get_xdata()) == [2.0] and list(artists.point.get_ydata()) == [55.0]
    assert list(artists.rheobase.get_xdata()) == [1.5, 1.5]
    update_fi_curve(artists, None, None, (3.0, 95.0), neuron.rheobase)
    np.testing.assert_array_equal(artists.curve.get_ydata(), rates)  # curve kept
    assert list(artists.point.get_xdata()) == [3.0]
    slower = LIFNeuron(tau_m=20.0, v_threshold=-50.0)
    new_rates = lif_rate(slower, CURRENTS)
    update_fi_curve(artists, CURRENTS, new_rates, (3.0, 40.0), slower.rheobase)
    np.testing.assert_array_equal(artists.curve.get_ydata(), new_rates)
    assert list(artists.rheobase.get_xdata()) == [2.0, 2.0]
    assert ax.get_ylim()[1] == rate_axis_limit(new_rates.max()) >= 1.1 * new_rates.max()


def test_rate_axis_limit_doubles_from_fifty_hertz() -> None:
    assert [rate_axis_limit(r) for r in (0.0, 40.0, 46.0, 100.0, 300.0)] == [
        50.0,
        50.0,
        100.0,
        200.0,
        400.0,
    ]


def test_matched_relu_is_zero_below_rheobase_and_fits_the_slope() -> None:
    neuron = LIFNeuron(refractory=0.0)
    rates = lif_rate(neuron, CURRENTS)
    fitted = matched_relu(CURRENTS, rates, neuron.rheobase)
    assert (fitted[CURRENTS <= 1.5] == 0.0).all()
    gain = fitted[-1] / (5.0 - 1.5)
    assert 0.5 * rates[-1] / 3.5 < gain < 2.0 * rates[-1] / 3.5
    np.testing.assert_allclose(np.diff(fitted[CURRENTS > 1.5]), gain * 0.05)


def test_matched_sigmoid_passes_half_ceiling_at_the_lif_half_point() -> None:
    neuron = LIFNeuron(refractory=5.0)
    currents = np.linspace(0.0, 40.0, 401)
    rates = lif_rate(neuron, currents)
    curve = matched_sigmoid(currents, rates, 200.0)
    half = np.interp(100.0, rates, currents)
    assert np.interp(half, currents, curve) == pytest.approx(100.0, rel=1e-3)
    assert curve.max() < 200.0 and curve.min() > 0.0


def test_fi_against_activations_draws_four_lines_and_updates() -> None:
    ax = new_figure().add_subplot()
    currents = np.linspace(0.0, 30.0, 121)
    artists = plot_fi_vs_activations(ax, LIFNeuron(refractory=5.0), currents)
    assert list(artists.ceiling.get_ydata()) == [200.0, 200.0]
    np.testing.assert_allclose(
        artists.lif.get_ydata(), lif_rate(LIFNeuron(refractory=5.0), currents)
    )
    update_fi_vs_activations(artists, LIFNeuron(refractory=10.0), currents)
    assert list(artists.ceiling.get_ydata()) == [100.0, 100.0]
    assert ax.get_ylim()[1] == pytest.approx(115.0)
    assert len(ax.lines) == 4


def test_biological_neuron_diagram_labels_every_correspondence() -> None:
    figure = draw_biological_neuron()
    texts = " ".join(t.get_text() for t in figure.axes[0].texts)
    for part in ("dendrites & synapses", "soma", "axon hillock", "axon: carries", "terminals"):
        assert part in texts
    for counterpart in ("weights $w_i$", "weighted sum", "activation $a = f(z)$", "output $a$"):
        assert counterpart in texts
    assert png(figure).startswith(b"\x89PNG")
