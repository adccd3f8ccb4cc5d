"""ActivationExplorer driven headless: activation, z and leaky slope update text and artists."""

from __future__ import annotations

import numpy as np
import pytest

from nnlib import LeakyReLU, ReLU, Sigmoid, activations
from nnlib.widgets import ActivationExplorer
from nnlib.widgets.activation_explorer import activation_formulas, slope_note


def test_controls_and_starting_state() -> None:
    panel = ActivationExplorer()
    assert list(panel.controls) == ["activation", "z", "negative_slope"]
    assert isinstance(panel.module, Sigmoid)
    assert panel.controls["negative_slope"].disabled
    assert "σ(z) = 1 / (1 + e^(−z))" in panel.formula.value
    assert panel.output.value == "z = 1.0: σ(1.0) = <b>0.731</b>, slope σ'(1.0) = <b>0.197</b>"
    assert "nnlib-panel" in panel._dom_classes
    assert "nnlib-formula" in panel.formula._dom_classes
    assert "nnlib-output" in panel.output._dom_classes


def test_sliding_z_moves_the_point_on_both_curves() -> None:
    panel = ActivationExplorer("tanh", z=0.0)
    curve_before = panel.curve.curve.get_ydata()
    panel.controls["z"].value = -3.0
    assert list(panel.curve.point.get_ydata()) == pytest.approx([np.tanh(-3.0)])
    assert panel.curve.derivative_point is not None
    grad = 1.0 - np.tanh(-3.0) ** 2
    assert list(panel.curve.derivative_point.get_ydata()) == pytest.approx([grad])
    assert panel.curve.curve.get_ydata() is curve_before  # z alone never recomputes the curve
    assert "tanh(−3.0) = <b>−0.995</b>" in panel.output.value
    assert "nearly flat" in panel.note.value


@pytest.mark.parametrize("name", list(activations.ACTIVATIONS))
def test_every_activation_can_be_chosen(name: str) -> None:
    panel = ActivationExplorer("identity", z=0.5)
    panel.controls["activation"].value = name
    spec = activations.get_spec(name)
    assert panel.name == name
    assert panel.curve.ax.get_title() == f"a = {spec.symbol}(z)"
    expected = spec.fn(0.5) if name != "leaky_relu" else 0.5
    assert panel.curve.point.get_ydata()[0] == pytest.approx(float(expected))
    assert panel.controls["negative_slope"].disabled == (name != "leaky_relu")


def test_leaky_slope_builds_a_new_module_and_redraws_the_curves() -> None:
    panel = ActivationExplorer("leaky_relu", z=-2.0)
    assert isinstance(panel.module, LeakyReLU)
    panel.controls["negative_slope"].value = 0.3
    assert isinstance(panel.module, LeakyReLU) and panel.module.negative_slope == 0.3
    assert panel.curve.point.get_ydata()[0] == pytest.approx(-0.6)
    assert panel.curve.curve.get_ydata()[0] == pytest.approx(-0.3 * 6.5)
    assert "LeakyReLU(z) = z if z ≥ 0, else 0.3·z" in panel.formula.value
    assert panel.module(np.array([-1.0]))[0] == pytest.approx(-0.3)
    panel.controls["activation"].value = "relu"
    assert isinstance(panel.module, ReLU)


def test_slope_notes_explain_flat_regions() -> None:
    assert "useful slope" in slope_note("sigmoid", 0.0, 0.25)
    assert "dead ReLU" in slope_note("relu", -1.0, 0.0)
    assert "flat everywhere" in slope_note("step", 1.0, 0.0)
    assert "saturated" in slope_note("sigmoid", 8.0, 0.0003)


def test_formulas() -> None:
    assert activation_formulas("relu") == ("ReLU(z) = max(0, z)", "ReLU'(z) = 1 if z > 0, else 0")
    assert activation_formulas("leaky_relu", 0.05)[1] == "LeakyReLU'(z) = 1 if z > 0, else 0.05"
    with pytest.raises(ValueError, match="Unknown activation 'softmax'"):
        activation_formulas("softmax")


def test_unknown_starting_activation_is_reported() -> None:
    with pytest.raises(ValueError, match=r"Unknown activation 'sigmoidal'\. Valid names"):
        ActivationExplorer("sigmoidal")


def test_the_ends_of_the_z_slider_fit_on_the_axis() -> None:
    panel = ActivationExplorer("relu", z=0.0)
    draws = panel.canvas.background_sends
    for end in (-6.0, 6.0):
        panel.controls["z"].value = end
        assert panel.curve.ax.get_xlim() == (-6.5, 6.5)
    assert panel.canvas.background_sends == draws  # z alone never redraws the axes
