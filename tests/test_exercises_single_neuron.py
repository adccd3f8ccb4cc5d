"""nnlib.exercises.single_neuron: gates, hand computation, thresholds and the mystery neuron."""

from __future__ import annotations

import numpy as np
import pytest

from nnlib.exercises.single_neuron import (
    MysteryNeuron,
    check_and,
    check_firing_threshold,
    check_gate,
    check_nand,
    check_neuron_output,
    check_or,
)


def test_correct_gates_pass() -> None:
    assert check_and([1.0, 1.0], -1.5).correct
    assert check_or([1.0, 1.0], -0.5).correct
    assert check_nand([-1.0, -1.0], 1.5).correct
    assert check_gate("nor", [-1.0, -1.0], 0.5).correct
    assert check_gate("AND", [4.0, 4.0], -6.0, activation="sigmoid").correct
    assert str(check_and([1, 1], -1.5)) == (
        "✓ Correct. Your neuron computes AND: outputs (0, 0, 0, 1) for (0,0) … (1,1)."
    )


@pytest.mark.parametrize(
    ("check", "weights", "bias", "message", "hint"),
    [
        (
            check_and,
            [0.0, 0.0],
            0.0,
            "For input (0, 0) your neuron gives 1 (z = 0.0) but AND needs 0.",
            "With both inputs 0, z is just the bias: you need b < 0 so that it stays off.",
        ),
        (
            check_and,
            [1.0, 1.0],
            -0.5,
            "For input (0, 1) your neuron gives 1 (z = 0.5) but AND needs 0.",
            "With only x2 on, z = w2 + b must stay below 0.",
        ),
        (
            check_and,
            [1.0, 1.0],
            -2.5,
            "For input (1, 1) your neuron gives 0 (z = −0.5) but AND needs 1.",
            "With both inputs 1, z = w1 + w2 + b must reach 0.",
        ),
        (
            check_or,
            [0.2, 1.0],
            -0.5,
            "For input (1, 0) your neuron gives 0 (z = −0.3) but OR needs 1.",
            "With only x1 on, z = w1 + b must reach 0, so w1 must be at least −b.",
        ),
        (
            check_nand,
            [1.0, 1.0],
            -1.5,
            "For input (0, 0) your neuron gives 0 (z = −1.5) but NAND needs 1.",
            "With both inputs 0, z is just the bias: you need b ≥ 0 so that it fires.",
        ),
        (
            check_nand,
            [-1.0, -1.0],
            2.5,
            "For input (1, 1) your neuron gives 1 (z = 0.5) but NAND needs 0.",
            "With both inputs 1, z = w1 + w2 + b must stay below 0.",
        ),
    ],
)
def test_wrong_gates_get_the_row_and_a_hint(
    check,
    weights,
    bias,
    message,
    hint,  # type: ignore[no-untyped-def]
) -> None:
    feedback = check(weights, bias)
    assert not feedback.correct
    assert feedback.message == message
    assert feedback.hint == hint


def test_xor_says_no_single_neuron_can() -> None:
    feedback = check_gate("XOR", [1.0, 1.0], -0.5)
    assert not feedback.correct
    assert "no single neuron can compute this gate" in feedback.hint


def test_gate_arguments_are_checked() -> None:
    with pytest.raises(ValueError, match=r"Unknown gate 'ADN'\. Valid gates: AND, OR, NAND"):
        check_gate("ADN", [1, 1], 0)
    with pytest.raises(ValueError, match=r"weights must be two numbers \[w1, w2\]"):
        check_and([1.0, 1.0, 1.0], 0.0)
    with pytest.raises(ValueError, match="bias must be a finite number, got nan"):
        check_and([1.0, 1.0], float("nan"))


# a = σ(0.5·1 + (−1)·2 + 0.25) = σ(−1.25) = 0.2227
EXAMPLE = {"weights": [0.5, -1.0], "bias": 0.25, "inputs": [1.0, 2.0]}


def test_neuron_output() -> None:
    assert check_neuron_output(0.223, **EXAMPLE).correct  # type: ignore[arg-type]
    assert check_neuron_output(0.223, **EXAMPLE).message == "a = σ(−1.25) = 0.223."  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("answer", "hint"),
    [
        (-1.25, "−1.25 is the weighted sum z; now apply the activation to it."),
        (0.182, "It looks as if the bias was left out"),
        (0.5, "Multiply each input by its weight"),
    ],
)
def test_neuron_output_wrong(answer: float, hint: str) -> None:
    feedback = check_neuron_output(answer, **EXAMPLE)  # type: ignore[arg-type]
    assert not feedback.correct
    assert feedback.hint.startswith(hint)


@pytest.mark.parametrize(
    ("answer", "hint"),
    [
        (-1.5, "Check the sign"),
        (-3.0, "Do not forget to divide by the weight."),
        (0.0, "The neuron switches on where z = w·x + b crosses 0."),
    ],
)
def test_firing_threshold(answer: float, hint: str) -> None:
    right = check_firing_threshold(1.5, weight=2.0, bias=-3.0)
    assert right.correct and right.message == (
        "z = 2.0·x − 3.0 is 0 there, so the neuron switches on at x = 1.5."
    )
    feedback = check_firing_threshold(answer, weight=2.0, bias=-3.0)
    assert not feedback.correct
    assert feedback.hint.startswith(hint)


def test_mystery_neuron_found_by_probing() -> None:
    mystery = MysteryNeuron(3, rng=np.random.default_rng(7))
    bias = mystery.probe([0, 0, 0])
    weights = [mystery.probe(np.eye(3)[i]) - bias for i in range(3)]
    feedback = mystery.check(weights, bias)
    assert feedback.correct
    assert feedback.message.startswith("You found all 4 hidden numbers with 4 probes")
    assert repr(mystery) == "MysteryNeuron(3 inputs, weights hidden, 4 probes so far)"


def test_mystery_neuron_wrong_answers_get_hints() -> None:
    mystery = MysteryNeuron(2, rng=np.random.default_rng(1))
    bias = mystery.probe([0, 0])
    w1 = mystery.probe([1, 0]) - bias
    w2_plus_b = mystery.probe([0, 1])
    wrong_bias = mystery.check([w1, w2_plus_b - bias], bias + 1.0)
    assert not wrong_bias.correct and "Probe with every input 0" in wrong_bias.hint
    forgot_bias = mystery.check([w1, w2_plus_b], bias)
    assert forgot_bias.message == "Weight w2 is not right yet."
    assert abs(bias) > 0.005  # seed chosen so that forgetting b gives a different number
    assert forgot_bias.hint == "That is w2 + b: subtract the bias you found."
    off = mystery.check([w1 + 0.7, w2_plus_b - bias], bias)
    assert off.hint == "Probe with x = [1, 0]: then z = w1 + b."
    count = mystery.check([w1], bias)
    assert count.message == "You gave 1 weights, but the mystery neuron has 2 inputs."


def test_mystery_neuron_probe_checks_its_input() -> None:
    mystery = MysteryNeuron(3, rng=np.random.default_rng(0))
    with pytest.raises(ValueError, match=r"x must hold 3 numbers, one per input, got shape \(2,\)"):
        mystery.probe([1.0, 2.0])
    with pytest.raises(TypeError, match=r"rng must be a numpy\.random\.Generator"):
        MysteryNeuron(3, rng=7)  # type: ignore[arg-type]
    assert mystery.probes == 0
