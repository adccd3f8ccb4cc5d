"""Checkers for notebook 04: right answers pass, typical mistakes get the matching hint."""

from __future__ import annotations

from itertools import pairwise

import numpy as np
import pytest

from nnlib import Linear, Sequential
from nnlib.exercises.network import (
    check_output_shape,
    check_parameter_count,
    check_x1_detector,
    parameter_count,
)
from nnlib.sequential import mlp


def net_3441(seed: int = 0) -> Sequential:
    return mlp([3, 4, 4, 1], "sigmoid", rng=np.random.default_rng(seed))


def detector(output_bias: float = -4.0) -> Sequential:
    """One path follows x1 through every layer; everything else is cut off by zero weights."""
    model = net_3441()
    first, second, last = model[0], model[2], model[4]
    assert isinstance(first, Linear) and isinstance(second, Linear) and isinstance(last, Linear)
    first.weight.data[0], first.bias.data[0] = [4.0, 0.0, 0.0], -6.0
    second.weight.data[0], second.bias.data[0] = [8.0, 0.0, 0.0, 0.0], -4.0
    last.weight.data[0], last.bias.data[0] = [8.0, 0.0, 0.0, 0.0], output_bias
    return model


@pytest.mark.parametrize(
    ("sizes", "count"), [([3, 4, 4, 1], 41), ([2, 3, 1], 13), ([784, 16, 16, 10], 13_002)]
)
def test_parameter_count_matches_the_model(sizes: list[int], count: int) -> None:
    layers = [Linear(a, b) for a, b in pairwise(sizes)]
    assert parameter_count(sizes) == count == Sequential(*layers).num_parameters()
    assert check_parameter_count(sizes, count).correct


def test_right_count_shows_the_sum() -> None:
    feedback = check_parameter_count([784, 16, 16, 10], 13_002)
    assert str(feedback) == (
        "✓ Correct. 784-16-16-10 has 784·16 + 16 + 16·16 + 16 + 16·10 + 10 = 13,002 parameters."
    )


@pytest.mark.parametrize(
    ("answer", "hint"),
    [
        (9, "You counted the weights"),
        (15, "Input nodes have no bias"),
        (6, "That is the number of nodes"),
        (14, "n_in·n_out weights and n_out biases"),
        (None, "Replace the placeholder"),
        (..., "Replace the placeholder"),
        (13.0, "Replace the placeholder"),
        (True, "Replace the placeholder"),
    ],
)
def test_wrong_counts_get_the_matching_hint(answer: object, hint: str) -> None:
    feedback = check_parameter_count([2, 3, 1], answer)
    assert not feedback.correct
    assert hint in feedback.hint


@pytest.mark.parametrize(
    ("input_shape", "answer", "right"),
    [((5, 3), (5, 1), True), ((3,), (1,), True), ((5, 3), [5, 1], True), ((5, 3), (5, 3), False)],
)
def test_output_shape(input_shape: tuple[int, ...], answer: object, right: bool) -> None:
    assert check_output_shape([3, 4, 4, 1], input_shape, answer).correct is right
    model_shape = net_3441()(np.zeros(input_shape)).shape
    assert (model_shape == tuple(answer)) is right  # type: ignore[arg-type]


def test_output_shape_hints() -> None:
    assert "A batch keeps its rows" in check_output_shape([3, 1], (5, 3), (1,)).hint
    assert "a 1-D input gives a 1-D output" in check_output_shape([3, 1], (3,), (1, 1)).hint
    assert "only the last axis" in check_output_shape([3, 2], (5, 3), (5, 3)).hint
    assert "Write the shape as a tuple" in check_output_shape([3, 1], (3,), None).hint


def test_x1_detector_accepts_a_working_network() -> None:
    feedback = check_x1_detector(detector())
    assert feedback.correct, str(feedback)
    assert "147 probes with x1 ≥ 2.0" in feedback.message


def test_x1_detector_rejects_the_random_start_with_a_counterexample() -> None:
    model = net_3441()
    feedback = check_x1_detector(model)
    assert not feedback.correct
    point = feedback.message.split("At x = (")[1].split(")")[0].replace("−", "-")
    x = np.array([float(v) for v in point.split(", ")])
    assert x[0] >= 2.0 and float(model(x)[0]) <= 0.9, "the reported probe really fails"
    assert "big weight from x1" in feedback.hint


def test_x1_detector_rejects_an_always_high_output() -> None:
    feedback = check_x1_detector(detector(output_bias=4.0))
    assert not feedback.correct
    assert "but x1 is not large" in feedback.message
    assert "Lower the output neuron's bias" in feedback.hint


def test_x1_detector_rejects_a_network_that_listens_to_x2() -> None:
    model = detector()
    model[0].weight.data[0, 1] = 3.0  # type: ignore[attr-defined]
    assert not check_x1_detector(model).correct


def test_bad_arguments_raise_clear_errors() -> None:
    with pytest.raises(ValueError, match="at least two layer sizes"):
        check_parameter_count([3], 0)
    with pytest.raises(ValueError, match=r"sizes\[1\] must be a positive integer"):
        parameter_count([3, 0, 1])
    with pytest.raises(ValueError, match=r"input_shape must be \(3,\) or \(n, 3\)"):
        check_output_shape([3, 1], (5, 4), (5, 1))
    with pytest.raises(ValueError, match="3 inputs and give 1 output"):
        check_x1_detector(Sequential(Linear(2, 1)))
    with pytest.raises(TypeError, match="model must be the explorer's Sequential"):
        check_x1_detector(Linear(3, 1))
