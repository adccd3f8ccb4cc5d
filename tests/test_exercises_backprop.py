"""Notebook 07 checkers: right answers pass, and each typical mistake gets its own hint."""

from __future__ import annotations

import math
from typing import Any

import pytest

from nnlib.exercises.backprop import (
    check_read_gradient,
    check_sigmoid_slope,
    check_two_paths,
    tanh_neuron_loss,
)


def sigmoid(z: float) -> float:
    return 1.0 / (1.0 + math.exp(-z))


def test_the_sigmoid_slope_at_one() -> None:
    slope = sigmoid(1.0) * (1.0 - sigmoid(1.0))
    assert check_sigmoid_slope(round(slope, 3)).correct
    assert "0.197" in check_sigmoid_slope(slope).message
    value = check_sigmoid_slope(sigmoid(1.0))
    assert not value.correct and "σ(1) itself" in value.message
    half = check_sigmoid_slope(1.0 - sigmoid(1.0))
    assert not half.correct and "Multiply it by σ(1)" in half.hint
    assert "a·(1 − a)" in check_sigmoid_slope(0.5).hint


@pytest.mark.parametrize("bad", ["0.2", None, True, float("nan")])
def test_non_numbers_get_a_hint_not_a_traceback(bad: Any) -> None:
    for feedback in (check_sigmoid_slope(bad), check_read_gradient(bad), check_two_paths(bad, 1)):
        assert not feedback.correct and "Expected a number" in feedback.message


def test_the_gradient_read_off_the_graph() -> None:
    nodes = {v.label: v for v in tanh_neuron_loss().graph()}
    w = nodes["w"]
    expected = 2 * (math.tanh(1.2 - 0.4) - 0.5) * (1 - math.tanh(0.8) ** 2) * 1.5
    assert w.grad == pytest.approx(expected, rel=1e-12)
    assert check_read_gradient(round(w.grad, 3)).correct
    assert "gradient of x" in check_read_gradient(round(nodes["x"].grad, 3)).message
    assert "w's value" in check_read_gradient(0.8).message
    arrow = check_read_gradient(round(nodes["a"].local_grads[0], 3))
    assert not arrow.correct and "local derivative" in arrow.message
    assert "not on the graph" in check_read_gradient(7.0).message


def test_the_gradient_along_two_paths() -> None:
    x, y = 1.5, 0.5
    assert check_two_paths(y + 2 * x, x).correct
    assert "Value agrees: x.grad = 3.5" in check_two_paths(3.5, 1.5).message
    for one_path in (y, 2 * x):
        feedback = check_two_paths(one_path, x)
        assert not feedback.correct and "add both contributions" in feedback.hint
    assert "the other factor, x" in check_two_paths(3.5, y).hint
    assert "Differentiate each term" in check_two_paths(1.0, x).hint
