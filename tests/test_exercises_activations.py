"""nnlib.exercises.activations: slopes, collapsed linear layers and logic networks."""

from __future__ import annotations

import numpy as np
import pytest

from nnlib import Identity, Linear, Sequential, Sigmoid, Step
from nnlib.exercises.activations import check_collapsed, check_logic_network, check_slope


def test_slope_right() -> None:
    feedback = check_slope("sigmoid", 0.0, 0.25)
    assert feedback.correct and feedback.message == "σ'(0.0) = 0.25."
    assert check_slope("relu", 2.0, 1).correct
    assert check_slope("tanh", 0.5, 0.786).correct


@pytest.mark.parametrize(
    ("name", "z", "answer", "hint"),
    [
        ("sigmoid", 0.0, 0.5, "That is the value σ(0.0), not the slope there."),
        ("sigmoid", 2.0, 0.3, "σ'(z) = σ(z)·(1 − σ(z)): compute σ(z) first."),
        ("relu", -1.0, 1.0, "ReLU'(z) is 1 for z > 0 and 0 otherwise."),
        ("step", 1.0, 1.0, "That is the value step(1.0), not the slope there."),
        ("step", 1.0, 0.5, "The step is flat on both sides of 0."),
        ("identity", 3.0, 0.0, "id(z) = z rises by exactly 1 for each 1 that z rises."),
    ],
)
def test_slope_wrong(name: str, z: float, answer: float, hint: str) -> None:
    feedback = check_slope(name, z, answer)
    assert not feedback.correct
    assert feedback.hint == hint


def two_layers() -> Sequential:
    first, second = (
        Linear(2, 2, rng=np.random.default_rng(0)),
        Linear(2, 1, rng=np.random.default_rng(1)),
    )
    first.weight.data[...] = [[1.0, 2.0], [0.0, -1.0]]
    first.bias.data[...] = [1.0, 1.0]
    second.weight.data[...] = [[3.0, 1.0]]
    second.bias.data[...] = [-2.0]
    return Sequential(first, second)


def test_collapsed_right() -> None:
    # W = W2 W1 = [[3, 5]], b = W2 b1 + b2 = 4 − 2 = 2
    feedback = check_collapsed(two_layers(), [[3.0, 5.0]], [2.0])
    assert feedback.correct
    assert check_collapsed(two_layers(), [3.0, 5.0], 2.0).correct


@pytest.mark.parametrize(
    ("weight", "bias", "message", "hint"),
    [
        (
            [[3.0], [5.0]],
            [2.0],
            "The weight has shape (2, 1), but it must be (1, 2).",
            "Multiply in the order W2 @ W1",
        ),
        ([[3.0, 6.0]], [2.0], "The weight is not right yet.", "Multiply in the order W2 @ W1"),
        (
            [[3.0, 5.0]],
            [-2.0],
            "The weight is right; the bias is not yet.",
            "The first bias passes through the second layer too: b = W2 @ b1 + b2.",
        ),
        (
            [[3.0, 5.0]],
            [0.0],
            "The weight is right; the bias is not yet.",
            "Write W2(W1·x + b1) + b2 out",
        ),
    ],
)
def test_collapsed_wrong(weight: list, bias: list, message: str, hint: str) -> None:  # type: ignore[type-arg]
    feedback = check_collapsed(two_layers(), weight, bias)
    assert not feedback.correct
    assert feedback.message == message
    assert feedback.hint.startswith(hint)


def xor_network(output_weights: list[float], output_bias: float) -> Sequential:
    rng = np.random.default_rng(0)
    hidden, output = Linear(2, 2, rng=rng), Linear(2, 1, rng=rng)
    hidden.weight.data[...] = [[1.0, 1.0], [1.0, 1.0]]
    hidden.bias.data[...] = [-0.5, -1.5]  # OR, AND
    output.weight.data[...] = [output_weights]
    output.bias.data[...] = [output_bias]
    return Sequential(hidden, Step(), output, Step())


def test_xor_network_right() -> None:
    feedback = check_logic_network(xor_network([1.0, -1.0], -0.5))
    assert feedback.correct
    assert feedback.message == "Your network computes XOR: (0, 1, 1, 0) for (0,0) … (1,1)."
    assert check_logic_network(xor_network([-1.0, 1.0], 0.5), "XNOR").correct


def test_xor_network_wrong_outputs() -> None:
    feedback = check_logic_network(xor_network([0.0, 0.0], 0.0))
    assert not feedback.correct
    assert feedback.message == (
        "Outputs (1, 1, 1, 1), but XOR needs (0, 1, 1, 0); wrong for (0, 0), (1, 1)."
    )
    assert feedback.hint.startswith("Let one hidden unit compute OR and another AND")


def test_the_xnor_hint_describes_a_network_that_works() -> None:
    # XNOR is "OR off, or AND on"; the hint's signs (negative from OR, positive from AND, a bias
    # that fires when both are off) must give a network the checker accepts.
    hint = check_logic_network(xor_network([0.0, 0.0], -1.0), "XNOR").hint
    assert "OR unit is off, or the AND unit is on" in hint and "reverse" not in hint
    assert check_logic_network(xor_network([-1.0, 1.0], 0.5), "XNOR").correct


def test_linear_only_network_is_told_why_it_cannot() -> None:
    rng = np.random.default_rng(0)
    feedback = check_logic_network(
        Sequential(Linear(2, 3, rng=rng), Identity(), Linear(3, 1, rng=rng))
    )
    assert not feedback.correct
    assert feedback.message.startswith("Your network has no activation between its layers")
    assert "put an activation such as Step() or Sigmoid()" in feedback.hint


def test_wrongly_shaped_network_is_reported_as_feedback() -> None:
    rng = np.random.default_rng(0)
    feedback = check_logic_network(
        Sequential(Linear(3, 2, rng=rng), Sigmoid(), Linear(2, 1, rng=rng))
    )
    assert not feedback.correct
    assert feedback.message.startswith("The network could not take the four inputs: layer 0")
    assert feedback.hint.startswith("It must take 2 inputs and give 1 output")
    with pytest.raises(ValueError, match=r"Unknown gate 'XRO'"):
        check_logic_network(xor_network([1.0, -1.0], -0.5), "XRO")
