"""Notebook 06 checkers: right answers pass, wrong ones fail with a hint that points the way."""

from __future__ import annotations

import numpy as np
import pytest

from nnlib.data import logic_gate
from nnlib.exercises.training import (
    check_converging_lr,
    check_diverging_lr,
    check_xor_model,
    run_lr_task,
)
from nnlib.layers import Linear, Sigmoid
from nnlib.losses import BCELoss
from nnlib.neuron import Neuron
from nnlib.optim import SGD
from nnlib.sequential import Sequential, mlp
from nnlib.train import TrainingDiverged, fit


@pytest.mark.parametrize("lr", [0.1, 0.3])
def test_a_converging_learning_rate_is_accepted(lr: float) -> None:
    feedback = check_converging_lr(lr)
    assert feedback.correct, str(feedback)
    assert f"lr={lr:g} converges" in feedback.message


def test_a_tiny_learning_rate_is_too_slow() -> None:
    feedback = check_converging_lr(0.001)
    assert not feedback.correct
    assert "only fell" in feedback.message and "too small" in feedback.hint


def test_a_huge_learning_rate_does_not_count_as_converging() -> None:
    feedback = check_converging_lr(10.0)
    assert not feedback.correct
    assert "diverged at step" in feedback.message and "smaller" in feedback.hint


def test_a_growing_loss_is_named_as_overshooting() -> None:
    feedback = check_converging_lr(1.5)
    assert not feedback.correct and "grew" in feedback.message


@pytest.mark.parametrize(("lr", "phrase"), [(10.0, "nnlib stopped it"), (2.0, "exploded")])
def test_diverging_learning_rates_are_recognised(lr: float, phrase: str) -> None:
    feedback = check_diverging_lr(lr)
    assert feedback.correct, str(feedback)
    assert phrase in feedback.message


def test_a_converging_rate_is_not_divergence() -> None:
    feedback = check_diverging_lr(0.1)
    assert not feedback.correct and "try 2 or more" in feedback.hint


@pytest.mark.parametrize("lr", [2.0, 3.0, 5.0, 10.0])
def test_the_diverging_hint_names_rates_that_diverge(lr: float) -> None:
    # The hint says "try 2 or more"; every such rate must really diverge on the task.
    assert check_diverging_lr(lr).correct


@pytest.mark.parametrize("lr", [0.1, 0.2, 0.3, 0.4, 0.5])
def test_the_converging_hint_names_rates_that_converge(lr: float) -> None:
    # The too-small hint promises that every value from 0.1 to 0.5 converges on this task.
    assert "every value from 0.1 to 0.5 converges" in check_converging_lr(0.001).hint
    assert check_converging_lr(lr).correct


def test_the_divergence_message_on_this_task_is_followed_by_a_growing_loss() -> None:
    # TrainingDiverged at lr=10 suggests lr=1 "to begin with"; on this task lr=1 still grows,
    # which is why the message says to lower it again. Notebook 06 says so too.
    with pytest.raises(TrainingDiverged) as caught:
        run_lr_task(10.0)
    assert "(lr=1)" in str(caught.value) and "lower it again" in str(caught.value)
    assert "grew" in check_converging_lr(1.0).message


@pytest.mark.parametrize("bad", [-0.1, 0, "0.1", float("nan"), True])
def test_learning_rates_that_are_not_positive_numbers_get_a_hint(bad: object) -> None:
    for checker in (check_converging_lr, check_diverging_lr):
        feedback = checker(bad)
        assert not feedback.correct and "positive number" in feedback.message


def test_a_trained_hidden_layer_network_solves_xor() -> None:
    X, y = logic_gate("XOR")
    model = mlp([2, 4, 1], "tanh", rng=np.random.default_rng(0))
    assert not check_xor_model(model).correct  # untrained: not yet
    fit(model, X, y, loss=BCELoss(), optimizer=SGD(model.parameters(), 0.5, 0.9), epochs=200)
    feedback = check_xor_model(model)
    assert feedback.correct and "100%" in feedback.message


def test_a_single_layer_gets_the_hidden_layer_hint() -> None:
    X, y = logic_gate("XOR")
    model = Sequential(Linear(2, 1, rng=np.random.default_rng(0)), Sigmoid())
    fit(model, X, y, loss=BCELoss(), optimizer=SGD(model.parameters(), 0.5), epochs=200)
    feedback = check_xor_model(model)
    assert not feedback.correct and "Add a hidden layer" in feedback.hint
    assert not check_xor_model(Neuron([1.0, 1.0], -0.5)).correct


def test_wrong_kinds_of_model_are_explained() -> None:
    assert "Expected an nnlib model, got str" in check_xor_model("model").message
    three_inputs = mlp([3, 2, 1], rng=np.random.default_rng(0))
    feedback = check_xor_model(three_inputs)
    assert not feedback.correct and "cannot take the 4 XOR inputs" in feedback.message
