"""Notebook 08 checkers: right answers pass, wrong ones fail with a hint that points the way."""

from __future__ import annotations

import numpy as np
import pytest

from nnlib.exercises.universality import (
    check_bump,
    check_kink_match,
    check_steepness_prediction,
    step_error,
)
from nnlib.layers import Linear, Sigmoid
from nnlib.sequential import Sequential
from nnlib.universality import Bump, bump_network, even_bumps


def test_the_right_bump_is_accepted() -> None:
    feedback = check_bump((-30, -50), (0.6, -0.6))
    assert feedback.correct, str(feedback)


@pytest.mark.parametrize(
    ("biases", "weights", "hint"),
    [
        ((30, 50), (0.6, -0.6), "flip the sign"),
        ((-3, -5), (0.6, -0.6), "b = −w·s"),
        ((-50, -30), (0.6, -0.6), "gets +h"),
        ((-30, -50), (0.6, 0.6), "cancel"),
    ],
)
def test_wrong_bumps_get_a_hint(biases: tuple[float, float], weights: tuple[float, float],
                                hint: str) -> None:  # fmt: skip
    feedback = check_bump(biases, weights)
    assert not feedback.correct and hint in feedback.hint


def test_a_bump_answer_must_be_two_numbers() -> None:
    assert "two numbers" in check_bump(-30, (0.6, -0.6)).message


def test_matching_the_kink() -> None:
    placed = [Bump(-0.1, 0.18, 0.43), Bump(0.18, 0.68, 0.65), Bump(0.68, 1.1, 0.27)]
    assert check_kink_match(bump_network(placed, 100.0)).correct
    evenly = check_kink_match(bump_network(even_bumps(3, "kink"), 100.0))
    assert not evenly.correct and "Move the steps" in evenly.hint
    too_many = check_kink_match(bump_network(even_bumps(4, "kink"), 100.0))
    assert not too_many.correct and "at most 6" in too_many.message
    rng = np.random.default_rng(0)
    two_inputs = Sequential(Linear(2, 2, rng=rng), Sigmoid(), Linear(2, 1, rng=rng))
    assert "one input" in check_kink_match(two_inputs).message
    assert "Expected an nnlib model" in check_kink_match("model").message


def test_steepness_prediction() -> None:
    start = step_error(50.0)
    assert check_steepness_prediction(start / 4).correct
    assert "four times" in check_steepness_prediction(start / 2).hint
    assert "not faster" in check_steepness_prediction(start / 16).hint
    assert "smaller" in check_steepness_prediction(start).hint
    assert "a number" in check_steepness_prediction("0.003").message
    assert step_error(200.0) == pytest.approx(0.5 * 2 * np.log(2) / 200.0, rel=0.01)
