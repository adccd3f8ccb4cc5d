"""Neuron: a = f(w·x + b) on one vector or a batch, explain() and its displays, backward."""

from __future__ import annotations

import math

import numpy as np
import pytest
from gradcheck import check_module_grads

from nnlib import Neuron
from nnlib.neuron import format_number

LESSON_TEXT = "0.5·1.0 + (−1.0)·2.0 + 2.0·0.5 + 0.1 = −0.4 → σ(−0.4) = 0.401"


def lesson_neuron() -> Neuron:
    return Neuron([0.5, -1, 2], 0.1)


def test_one_vector_gives_a_python_float() -> None:
    a = lesson_neuron()([1, 2, 0.5])
    assert type(a) is float
    # z = 0.5 − 2 + 1 + 0.1 = −0.4 by hand
    assert a == pytest.approx(1.0 / (1.0 + math.exp(0.4)), rel=1e-14)


def test_batch_gives_one_output_per_row() -> None:
    neuron = Neuron([0.3, -0.7], -0.2, "tanh")
    X = np.random.default_rng(0).standard_normal((5, 2))
    out = neuron(X)
    assert out.shape == (5,) and out.dtype == np.float64
    expected = [math.tanh(0.3 * x0 - 0.7 * x1 - 0.2) for x0, x1 in X]
    np.testing.assert_allclose(out, expected, rtol=1e-14)
    np.testing.assert_allclose(neuron.pre_activation(X), np.arctanh(out), rtol=1e-10)


def test_parameters_and_repr() -> None:
    neuron = lesson_neuron()
    assert neuron.n_inputs == 3 and neuron.num_parameters() == 4
    assert [name for name, _ in neuron.named_parameters()] == ["weight", "bias"]
    assert repr(neuron) == "Neuron(weights=[0.5, -1.0, 2.0], bias=0.1, activation='sigmoid')"


def test_explain_text_for_the_lesson_example() -> None:
    assert str(lesson_neuron().explain([1, 2, 0.5])) == LESSON_TEXT


def test_explanation_fields() -> None:
    e = lesson_neuron().explain([1, 2, 0.5])
    assert e.inputs == (1.0, 2.0, 0.5) and e.weights == (0.5, -1.0, 2.0)
    assert e.bias == 0.1 and e.activation == "sigmoid" and e.symbol == "σ"
    assert e.terms == (0.5, -2.0, 1.0)
    assert e.z == pytest.approx(-0.4, abs=1e-15)
    assert e.a == lesson_neuron()([1, 2, 0.5])


def test_explain_html_wraps_the_text() -> None:
    html = lesson_neuron().explain([1, 2, 0.5])._repr_html_()
    assert html.startswith("<code") and html.endswith("</code>")
    assert LESSON_TEXT in html


def test_explain_latex() -> None:
    latex = lesson_neuron().explain([1, 2, 0.5])._repr_latex_()
    assert latex.startswith("$") and latex.endswith("$")
    assert "0.5 \\cdot 1.0 + (-1.0) \\cdot 2.0 + 2.0 \\cdot 0.5 + 0.1" in latex
    assert "= -0.4 \\rightarrow \\sigma(-0.4) = 0.401$" in latex
    assert "−" not in latex and "·" not in latex  # LaTeX gets ASCII minus and \cdot


def test_negative_bias_and_negative_inputs_are_written_with_minus_signs() -> None:
    # 1.0·2.0 − 0.25 = 1.75, and ReLU(1.75) = 1.75
    relu = Neuron([1.0], -0.25, "relu")
    assert str(relu.explain([2])) == "1.0·2.0 − 0.25 = 1.75 → ReLU(1.75) = 1.75"
    assert "- 0.25 = 1.75" in relu.explain([2])._repr_latex_()
    # 2.0·(−1.5) + 1.0 = −2.0, and identity(−2.0) = −2.0
    ident = Neuron([2.0], 1.0, "identity")
    assert str(ident.explain([-1.5])) == "2.0·(−1.5) + 1.0 = −2.0 → id(−2.0) = −2.0"


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (0.5, "0.5"),
        (1, "1.0"),
        (-0.4, "−0.4"),
        (0.40131, "0.401"),
        (-0.0001, "0.0"),
        (12.0, "12.0"),
    ],
)
def test_format_number(value: float, text: str) -> None:
    assert format_number(value) == text


def test_switching_activation_changes_output_and_explanation() -> None:
    neuron, x = lesson_neuron(), [1, 2, 0.5]
    neuron.activation = "tanh"
    assert neuron(x) == pytest.approx(math.tanh(-0.4), rel=1e-14)
    assert str(neuron.explain(x)).endswith(f"→ tanh(−0.4) = {format_number(math.tanh(-0.4))}")
    neuron.activation = "ReLU"
    assert neuron.activation == "relu" and neuron(x) == 0.0
    neuron.activation = "step"
    assert neuron(x) == 0.0
    neuron.activation = "identity"
    assert neuron(x) == pytest.approx(-0.4, abs=1e-15)


def test_invalid_activation_switch_keeps_the_old_one() -> None:
    neuron = lesson_neuron()
    neuron.activation = "tanh"
    with pytest.raises(ValueError, match="sigmod"):
        neuron.activation = "sigmod"
    assert neuron.activation == "tanh"


def test_explain_refuses_a_batch() -> None:
    with pytest.raises(ValueError, match=r"one input vector.*explain\(X\[0\]\)"):
        lesson_neuron().explain([[1, 2, 0.5], [0, 0, 0]])


@pytest.mark.parametrize("activation", ["sigmoid", "tanh", "identity", "relu", "leaky_relu"])
@pytest.mark.parametrize("shape", [(3,), (6, 3)])
def test_backward_matches_central_differences(activation: str, shape: tuple[int, ...]) -> None:
    rng = np.random.default_rng(1)
    neuron = Neuron(rng.standard_normal(3), rng.standard_normal(), activation)
    x = rng.standard_normal(shape)
    assert np.abs(neuron.pre_activation(x)).min() > 1e-4  # keeps ReLU's kink out of reach
    check_module_grads(neuron, x, rng)


def test_backward_accumulates_into_grad() -> None:
    neuron = lesson_neuron()
    x = np.array([1.0, 2.0, 0.5])
    neuron(x)
    neuron.backward(1.0)
    s = 1.0 / (1.0 + math.exp(0.4))
    np.testing.assert_allclose(neuron.weight.grad, s * (1 - s) * x, rtol=1e-14)
    assert float(neuron.bias.grad) == pytest.approx(s * (1 - s), rel=1e-14)
    neuron(x)
    neuron.backward(1.0)
    np.testing.assert_allclose(neuron.weight.grad, 2 * s * (1 - s) * x, rtol=1e-14)
