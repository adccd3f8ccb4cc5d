"""LIFExplorer without a browser: move every control, check the neuron, result, text and artists."""

from __future__ import annotations

import numpy as np
import pytest

from nnlib.biology import LIFNeuron, lif_rate, simulate_lif
from nnlib.widgets import LIFExplorer


@pytest.fixture
def panel() -> LIFExplorer:
    return LIFExplorer()


def test_controls_and_initial_state(panel: LIFExplorer) -> None:
    assert set(panel.controls) == {"current", "threshold", "tau", "refractory"}
    assert panel.neuron == LIFNeuron()
    assert panel.result.n_spikes > 0
    assert "nnlib-panel" in panel._dom_classes
    assert "nnlib-rate" in panel.rate_text._dom_classes
    assert bytes(panel.image.value).startswith(b"\x89PNG")
    assert "Firing rate: 55.2 Hz" in panel.rate_text.value


def test_moving_the_current_resimulates_but_keeps_the_fi_curve(panel: LIFExplorer) -> None:
    curve_before = panel.fi.curve.get_ydata().copy()
    slow_draws = panel.blitter.slow_draws
    panel.controls["current"].value = 3.0
    expected = simulate_lif(3.0, duration=200.0)
    np.testing.assert_array_equal(panel.result.voltage, expected.voltage)
    np.testing.assert_array_equal(panel.trace.trace.get_ydata(), expected.voltage)
    assert len(panel.trace.spikes.get_xdata()) == 3 * expected.n_spikes
    assert list(panel.fi.point.get_xdata()) == [3.0]
    assert list(panel.fi.point.get_ydata()) == [pytest.approx(expected.rate)]
    np.testing.assert_array_equal(panel.fi.curve.get_ydata(), curve_before)
    assert panel.blitter.slow_draws == slow_draws  # the f-I curve was not re-rendered
    assert f"Firing rate: {expected.rate:.1f} Hz" in panel.rate_text.value
    assert "I = 3.00 nA" in panel.rate_text.value


def test_current_below_rheobase_gives_no_spikes_and_says_why(panel: LIFExplorer) -> None:
    panel.controls["current"].value = 1.2
    assert panel.result.n_spikes == 0
    assert len(panel.trace.spikes.get_xdata()) == 0
    assert "Firing rate: 0 Hz</b> (the input is below the rheobase)" in panel.rate_text.value
    assert list(panel.fi.point.get_ydata()) == [0.0]


def test_threshold_moves_the_line_rheobase_and_curve(panel: LIFExplorer) -> None:
    panel.controls["threshold"].value = -50.0
    assert panel.neuron.v_threshold == -50.0
    assert panel.neuron.rheobase == pytest.approx(2.0)
    assert list(panel.trace.threshold.get_ydata()) == [-50.0, -50.0]
    assert list(panel.fi.rheobase.get_xdata()) == [pytest.approx(2.0)] * 2
    np.testing.assert_allclose(panel.fi.curve.get_ydata(), lif_rate(panel.neuron, panel.currents))
    assert panel.result.n_spikes == 0  # 2 nA is now exactly the rheobase
    assert "rheobase 2.00 nA" in panel.rate_text.value


def test_tau_and_refractory_change_the_neuron_and_the_rate(panel: LIFExplorer) -> None:
    rate_before = panel.rate
    panel.controls["tau"].value = 20.0
    assert panel.neuron.tau_m == 20.0
    assert panel.rate < rate_before  # a slower membrane climbs to threshold more slowly
    rate_slow = panel.rate
    panel.controls["refractory"].value = 8.0
    assert panel.neuron.refractory == 8.0
    assert panel.rate < rate_slow
    assert panel.rate == pytest.approx(lif_rate(panel.neuron, 2.0), rel=0.02)
    gaps = np.diff(panel.result.spike_times)
    assert gaps.min() >= 8.0 - 1e-9
    np.testing.assert_allclose(panel.fi.curve.get_ydata(), lif_rate(panel.neuron, panel.currents))


def test_hold_updates_applies_several_controls_at_once(panel: LIFExplorer) -> None:
    with panel.hold_updates():
        panel.controls["current"].value = 3.0
        panel.controls["threshold"].value = -60.0
        panel.controls["tau"].value = 15.0
        panel.controls["refractory"].value = 4.0
    expected = LIFNeuron(tau_m=15.0, v_threshold=-60.0, refractory=4.0)
    assert panel.neuron == expected
    assert panel.result.rate == pytest.approx(expected.rate(3.0), rel=0.02)


def test_custom_neuron_and_bad_neuron() -> None:
    custom = LIFNeuron(tau_m=20.0, v_threshold=-50.0, v_reset=-65.0)
    panel = LIFExplorer(custom, current=3.0)
    assert panel.neuron is custom and panel.controls["tau"].value == 20.0
    assert panel.controls["threshold"].min > custom.v_reset
    with pytest.raises(TypeError, match="neuron must be an nnlib LIFNeuron, got dict"):
        LIFExplorer({"tau_m": 10.0})  # type: ignore[arg-type]


def test_repr_is_fixed_text_for_notebooks(panel: LIFExplorer) -> None:
    assert repr(panel).startswith("LIFExplorer: a live panel.")
