"""NeuronExplorer driven headless: every control updates the neuron, the text and the artists."""

from __future__ import annotations

import io

import numpy as np
import pytest

from nnlib import Neuron, activations
from nnlib.widgets import NeuronExplorer


def two_input_panel() -> NeuronExplorer:
    return NeuronExplorer(Neuron([0.5, -1.0], 0.25, "sigmoid"), [1.0, 2.0])


def assert_shows(panel: NeuronExplorer) -> None:
    """Formula, output, activation point and input point all agree with the neuron."""
    neuron, x = panel.neuron, panel.x
    z = float(x @ neuron.weight.data + neuron.bias.data)
    a = float(activations.get_spec(neuron.activation).fn(z))
    assert panel.explanation.z == pytest.approx(z)
    assert str(panel.explanation) in panel.formula.value.replace("&gt;", ">")
    assert f"<b>{panel.explanation.symbol}" not in panel.output.value  # plain numbers only
    assert list(panel.curve.point.get_xdata()) == pytest.approx([z])
    assert list(panel.curve.point.get_ydata()) == pytest.approx([a])
    if panel.plane is not None:
        assert list(panel.plane.point.get_xdata()) == pytest.approx([x[0]])
        assert list(panel.plane.point.get_ydata()) == pytest.approx([x[1]])


def test_controls_are_named_as_the_lesson_names_them() -> None:
    assert list(two_input_panel().controls) == ["w1", "w2", "bias", "x1", "x2", "activation"]
    three = NeuronExplorer(Neuron([0.1, 0.2, 0.3]), [1.0, 1.0, 1.0])
    assert list(three.controls) == ["w1", "w2", "w3", "bias", "x1", "x2", "x3", "activation"]
    assert three.plane is None
    assert len(three.figure.axes) == 1


def test_starting_text_matches_the_worked_example() -> None:
    panel = two_input_panel()
    # 0.5·1 + (−1)·2 + 0.25 = −1.25, σ(−1.25) = 0.223
    assert "0.5·1.0 + (−1.0)·2.0 + 0.25 = −1.25 → σ(−1.25) = 0.223" in panel.formula.value
    assert "a = σ(w1·x1 + w2·x2 + b)" in panel.formula.value
    assert panel.output.value == "weighted sum z = −1.25, output a = <b>0.223</b>"
    assert bytes(panel.image.value).startswith(b"\x89PNG")


@pytest.mark.parametrize(
    ("name", "value"), [("w1", 0.7), ("w2", -2.5), ("bias", 1.1), ("x1", -0.4), ("x2", 1.6)]
)
def test_every_slider_updates_neuron_text_and_artists(name: str, value: float) -> None:
    panel = two_input_panel()
    picture = panel.image.value
    panel.controls[name].value = value
    assert {
        "w1": panel.neuron.weight.data[0],
        "w2": panel.neuron.weight.data[1],
        "bias": float(panel.neuron.bias.data),
        "x1": panel.x[0],
        "x2": panel.x[1],
    }[name] == value
    assert_shows(panel)
    assert panel.image.value != picture


def test_activation_dropdown_switches_the_function_everywhere() -> None:
    panel = two_input_panel()
    panel.controls["activation"].value = "relu"
    assert panel.neuron.activation == "relu"
    assert panel.curve.ax.get_title() == "a = ReLU(z)"
    assert "ReLU(−1.25) = 0.0" in panel.formula.value
    zs = panel.curve.curve.get_xdata()
    np.testing.assert_array_equal(panel.curve.curve.get_ydata(), np.maximum(zs, 0.0))
    assert panel.plane is not None
    assert float(np.min(panel.plane.image.get_array())) == 0.0
    assert_shows(panel)


def test_moving_an_input_does_not_recompute_the_heatmap() -> None:
    panel = two_input_panel()
    assert panel.plane is not None
    image, slow_draws = panel.plane.image.get_array(), panel.blitter.slow_draws
    panel.controls["x1"].value = 1.5
    assert panel.plane.image.get_array() is image
    assert panel.blitter.slow_draws == slow_draws
    panel.controls["w1"].value = -0.5
    assert panel.plane.image.get_array() is not image
    assert panel.blitter.slow_draws == slow_draws + 1
    # the decision line follows: both ends satisfy w·x + b = 0
    ends = np.column_stack([panel.plane.line.get_xdata(), panel.plane.line.get_ydata()])
    np.testing.assert_allclose(ends @ panel.neuron.weight.data + 0.25, 0.0, atol=1e-9)


def test_hold_updates_applies_many_controls_at_once() -> None:
    panel = two_input_panel()
    with panel.hold_updates():
        panel.controls["w1"].value = 1.0
        panel.controls["w2"].value = 1.0
        panel.controls["bias"].value = -1.5
    np.testing.assert_array_equal(panel.neuron.weight.data, [1.0, 1.0])
    assert float(panel.neuron.bias.data) == -1.5
    assert_shows(panel)


def test_three_input_neuron_has_all_sliders_working() -> None:
    panel = NeuronExplorer(Neuron([0.5, -1.0, 0.8], 0.1, "tanh"), [1.0, 2.0, 3.0])
    for name, value in [("w3", -0.6), ("x3", -1.0), ("bias", 0.0)]:
        panel.controls[name].value = value
        assert_shows(panel)
    assert panel.neuron.weight.data[2] == -0.6
    assert "(−0.6)·(−1.0)" in panel.formula.value


def test_panel_is_findable_in_the_page() -> None:
    panel = two_input_panel()
    assert "nnlib-panel" in panel._dom_classes
    assert "nnlib-formula" in panel.formula._dom_classes
    assert "nnlib-output" in panel.output._dom_classes
    assert panel.image in panel.children


def test_sliders_widen_to_fit_the_neuron_instead_of_clamping() -> None:
    panel = NeuronExplorer(Neuron([5.0, 0.0], -4.0), [0.0, 0.0])
    assert panel.controls["w1"].value == 5.0
    assert panel.controls["bias"].value == -4.0
    assert panel.neuron.weight.data[0] == 5.0


def test_default_neuron_and_repr() -> None:
    panel = NeuronExplorer()
    assert panel.neuron.n_inputs == 2
    assert repr(panel).startswith("NeuronExplorer: a live panel")


def test_bad_arguments_are_reported_clearly() -> None:
    with pytest.raises(TypeError, match="neuron must be an nnlib Neuron, got list"):
        NeuronExplorer([1.0, 2.0])  # type: ignore[arg-type]
    expected = r"x must hold one number per input of the neuron, shape \(2,\), got"
    with pytest.raises(ValueError, match=expected):
        NeuronExplorer(Neuron([1.0, 2.0]), [1.0, 2.0, 3.0])
    with pytest.raises(ValueError, match="x must hold only finite numbers"):
        NeuronExplorer(Neuron([1.0, 2.0]), [1.0, float("nan")])


def test_showing_the_figure_statically_does_not_disturb_later_updates() -> None:
    # Notebooks display `explorer.figure` (a tight-bbox savefig); blitting must survive it.
    shown = two_input_panel()
    shown.figure.savefig(io.BytesIO(), format="png", bbox_inches="tight")
    shown.controls["x1"].value = 1.2
    shown.controls["w2"].value = 0.4
    fresh = NeuronExplorer(Neuron([0.5, 0.4], 0.25, "sigmoid"), [1.2, 2.0])
    assert bytes(shown.image.value) == bytes(fresh.image.value)
