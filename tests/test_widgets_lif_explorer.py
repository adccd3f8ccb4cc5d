"""LIFExplorer without a browser: move every control, check the neuron, result, text, and what
the canvas was sent (decoded from its typed arrays) against nnlib.biology."""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest
from matplotlib.text import Text

from nnlib.biology import LIFNeuron, lif_rate, simulate_lif
from nnlib.plots import payload
from nnlib.widgets import LIFExplorer

MOVES = {"current": 3.0, "threshold": -52.0, "tau": 14.0, "refractory": 5.0}


@pytest.fixture
def panel() -> LIFExplorer:
    return LIFExplorer()


def sent(panel: LIFExplorer, layer: str, index: int, key: str) -> np.ndarray:
    """One array of one item the canvas was last sent, decoded."""
    return np.frombuffer(panel.canvas.layer(layer)[index][key], dtype=np.float32)


def as_sent(values: Any) -> np.ndarray:
    return np.asarray(values, dtype=np.float32)


def test_controls_and_initial_state(panel: LIFExplorer) -> None:
    assert set(panel.controls) == {"current", "threshold", "tau", "refractory"}
    assert panel.neuron == LIFNeuron()
    assert panel.result.n_spikes > 0
    assert "nnlib-panel" in panel._dom_classes
    assert "nnlib-rate" in panel.rate_text._dom_classes
    assert bytes(panel.canvas.background).startswith(b"\x89PNG")
    assert panel.snapshot_png().startswith(b"\x89PNG")
    assert "Firing rate: 55.2 Hz" in panel.rate_text.value


def test_the_trace_sent_is_the_simulation(panel: LIFExplorer) -> None:
    panel.controls["current"].value = 3.0
    expected = LIFNeuron().simulate(3.0, dt=0.1, duration=200.0)
    np.testing.assert_array_equal(sent(panel, "trace", 0, "x"), as_sent(expected.times))
    np.testing.assert_array_equal(sent(panel, "trace", 0, "y"), as_sent(expected.voltage))
    spikes_x = sent(panel, "trace", 1, "x")
    np.testing.assert_array_equal(spikes_x[0::3], as_sent(expected.spike_times))
    assert np.isnan(spikes_x[2::3]).all()  # one break between spikes
    threshold = (sent(panel, "trace", 2, "x"), sent(panel, "trace", 2, "y"))
    np.testing.assert_array_equal(threshold[0], [0.0, 200.0])  # data coordinates, whole axis
    np.testing.assert_array_equal(threshold[1], [-55.0, -55.0])
    point = (sent(panel, "point", 0, "x"), sent(panel, "point", 0, "y"))
    np.testing.assert_array_equal(point[0], as_sent([3.0]))
    np.testing.assert_array_equal(point[1], as_sent([expected.rate]))


def test_the_fi_curve_sent_is_the_closed_form(panel: LIFExplorer) -> None:
    panel.controls["threshold"].value = -50.0
    neuron = LIFNeuron(v_threshold=-50.0)
    np.testing.assert_array_equal(sent(panel, "fi", 0, "x"), as_sent(panel.currents))
    rates = as_sent(lif_rate(neuron, panel.currents))
    np.testing.assert_array_equal(sent(panel, "fi", 0, "y"), rates)
    np.testing.assert_array_equal(sent(panel, "fi", 1, "x"), as_sent([neuron.rheobase] * 2))
    np.testing.assert_array_equal(sent(panel, "fi", 1, "y"), as_sent(panel.fi.ax.get_ylim()))


@pytest.mark.parametrize("name", list(MOVES))
def test_every_control_changes_what_its_layers_hold(panel: LIFExplorer, name: str) -> None:
    before = {layer: panel.canvas.layer(layer) for layer in panel.canvas.layer_names}
    text = panel.rate_text.value
    panel.controls[name].value = MOVES[name]
    for layer, items in before.items():
        changed = panel.canvas.layer(layer) != items
        assert changed == (layer in panel.feeds[name]), (name, layer)
    assert panel.rate_text.value != text


def test_moving_the_current_resimulates_but_keeps_the_fi_curve(panel: LIFExplorer) -> None:
    curve_before = panel.fi.curve.get_ydata().copy()
    backgrounds = panel.canvas.background_sends
    panel.controls["current"].value = 3.0
    expected = simulate_lif(3.0, duration=200.0)
    np.testing.assert_array_equal(panel.result.voltage, expected.voltage)
    np.testing.assert_array_equal(panel.trace.trace.get_ydata(), expected.voltage)
    assert len(panel.trace.spikes.get_xdata()) == 3 * expected.n_spikes
    assert list(panel.fi.point.get_xdata()) == [3.0]
    assert list(panel.fi.point.get_ydata()) == [pytest.approx(expected.rate)]
    np.testing.assert_array_equal(panel.fi.curve.get_ydata(), curve_before)
    assert panel.canvas.background_sends == backgrounds  # the axes were not drawn again
    assert f"Firing rate: {expected.rate:.1f} Hz" in panel.rate_text.value
    assert "I = 3.00 nA" in panel.rate_text.value


def test_the_background_is_resent_only_when_the_rate_axis_changes(panel: LIFExplorer) -> None:
    backgrounds = panel.canvas.background_sends
    panel.controls["threshold"].value = -54.0  # rates rise a little: the axis stays at 200 Hz
    assert panel.fi.ax.get_ylim() == (0.0, 200.0)
    assert panel.canvas.background_sends == backgrounds
    panel.controls["threshold"].value = -60.0  # rates pass 200/1.1 Hz: the axis doubles
    assert panel.fi.ax.get_ylim() == (0.0, 400.0)
    assert panel.canvas.background_sends == backgrounds + 1
    assert panel.canvas.geometry["axes"][1]["ylim"] == [0.0, 400.0]


def test_current_below_rheobase_gives_no_spikes_and_says_why(panel: LIFExplorer) -> None:
    panel.controls["current"].value = 1.2
    assert panel.result.n_spikes == 0
    assert len(panel.trace.spikes.get_xdata()) == 0
    assert "Firing rate: 0 Hz</b> (the input is below the rheobase)" in panel.rate_text.value
    assert list(panel.fi.point.get_ydata()) == [0.0]
    assert sent(panel, "trace", 1, "x").size == 0


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
    updates = panel.updates
    with panel.hold_updates():
        for name, value in {
            "current": 3.0,
            "threshold": -60.0,
            "tau": 15.0,
            "refractory": 4.0,
        }.items():
            panel.controls[name].value = value
    expected = LIFNeuron(tau_m=15.0, v_threshold=-60.0, refractory=4.0)
    assert panel.neuron == expected and panel.updates == updates + 1
    assert panel.result.rate == pytest.approx(expected.rate(3.0), rel=0.02)


def test_the_label_says_what_a_sighted_learner_reads(panel: LIFExplorer) -> None:
    panel.controls["current"].value = 3.0
    result = LIFNeuron().simulate(3.0)
    assert panel.canvas.label == (
        f"membrane voltage over 200 ms at I = 3.00 nA, threshold -55.0 mV: "
        f"{result.n_spikes} spikes, {result.rate:.1f} Hz; f-I curve, rheobase 1.50 nA, "
        f"with the current point at 3.00 nA, {result.rate:.1f} Hz"
    )


def test_figure_fits_and_its_text_is_legible(panel: LIFExplorer) -> None:
    width, height = payload.css_size(panel.figure)
    assert width <= 800 and height <= 700 - 4 * 32 - 40  # room for four sliders and the text
    sizes = [t.get_fontsize() for t in panel.figure.findobj(Text) if t.get_text()]
    assert min(sizes) * payload.PX_PER_POINT >= 10.0


def test_custom_neuron_and_bad_neuron() -> None:
    custom = LIFNeuron(tau_m=20.0, v_threshold=-50.0, v_reset=-65.0)
    panel = LIFExplorer(custom, current=3.0)
    assert panel.neuron is custom and panel.controls["tau"].value == 20.0
    assert panel.controls["threshold"].min > custom.v_reset
    with pytest.raises(TypeError, match="neuron must be an nnlib LIFNeuron, got dict"):
        LIFExplorer({"tau_m": 10.0})  # type: ignore[arg-type]


def test_repr_is_fixed_text_for_notebooks(panel: LIFExplorer) -> None:
    assert repr(panel).startswith("LIFExplorer: a live panel.")
