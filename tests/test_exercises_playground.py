"""Notebook 09 checkers: right answers pass, wrong ones fail with a hint that points the way."""

from __future__ import annotations

import numpy as np
import pytest

from nnlib.data import make_moons, train_test_split
from nnlib.exercises import playground as ex
from nnlib.losses import BCELoss
from nnlib.optim import SGD
from nnlib.sequential import mlp
from nnlib.train import History, fit


def moons_200() -> tuple[np.ndarray, np.ndarray]:
    return make_moons(200, noise=0.3, rng=np.random.default_rng(5))


# --- the split ---------------------------------------------------------------------------------


def test_a_quarter_held_out_with_train_test_split_is_right() -> None:
    X, y = moons_200()
    parts = train_test_split(X, y, test_fraction=0.25, rng=np.random.default_rng(0))
    feedback = ex.check_split(X, y, *parts)
    assert feedback.correct, str(feedback)
    assert "150 training and 50 test rows" in feedback.message


def test_the_parts_in_another_order_are_named_as_the_wrong_order() -> None:
    X, y = moons_200()
    X_train, X_test, y_train, y_test = train_test_split(X, y, rng=np.random.default_rng(0))
    feedback = ex.check_split(X, y, X_train, y_train, X_test, y_test)
    assert not feedback.correct and "wrong order" in feedback.message
    assert "X_train, X_test, y_train, y_test" in feedback.hint


def test_the_wrong_fraction_gets_the_row_counts_and_the_argument() -> None:
    X, y = moons_200()
    parts = train_test_split(X, y, test_fraction=0.75, rng=np.random.default_rng(0))
    feedback = ex.check_split(X, y, *parts)
    assert not feedback.correct
    assert "test part has 150 rows" in feedback.message and "test_fraction=0.25" in feedback.hint


def test_labels_split_apart_from_their_rows_are_caught() -> None:
    X, y = moons_200()
    X_train, X_test, _, _ = train_test_split(X, y, rng=np.random.default_rng(0))
    _, _, y_train, y_test = train_test_split(X, y, rng=np.random.default_rng(1))  # other rows
    feedback = ex.check_split(X, y, X_train, X_test, y_train, y_test)
    assert not feedback.correct and "labels stay with rows" in feedback.hint


def test_placeholders_are_not_arrays() -> None:
    X, y = moons_200()
    feedback = ex.check_split(X, y, None, None, None, None)
    assert not feedback.correct and "X_train, X_test, y_train, y_test =" in feedback.hint


# --- counting steps ----------------------------------------------------------------------------


def test_the_step_count_agrees_with_fit() -> None:
    task = ex.STEP_TASK
    X, y = make_moons(task["samples"], rng=np.random.default_rng(0))
    model = mlp([2, 3, 1], "tanh", rng=np.random.default_rng(0))
    history = fit(model, X, y, loss=BCELoss(), optimizer=SGD(model.parameters(), lr=0.1),
                  epochs=task["epochs"], batch_size=task["batch_size"],
                  rng=np.random.default_rng(0))  # fmt: skip
    feedback = ex.check_step_count(history.steps)
    assert history.steps == 20 and feedback.correct, str(feedback)
    assert "4 batches (3 of 8 and one of 6)" in feedback.message


@pytest.mark.parametrize(
    ("answer", "phrase"),
    [
        (5, "one step per epoch"),
        (150, "one step per sample"),
        (18.75, "a whole number"),
        (15, "only the full batches"),
        (7, "Count the batches in one epoch"),
        ("20", "got '20'"),
    ],
)
def test_wrong_step_counts_get_the_hint_for_their_mistake(answer: object, phrase: str) -> None:
    feedback = ex.check_step_count(answer)
    assert not feedback.correct
    assert phrase in feedback.hint or phrase in feedback.message


# --- the best epoch ----------------------------------------------------------------------------


def history_with(losses: list[float], test_losses: list[float]) -> History:
    return History(losses=losses, steps=len(losses), test_losses=test_losses)


def test_the_epoch_of_the_lowest_test_loss_is_right() -> None:
    history = history_with([0.9, 0.5, 0.3, 0.2, 0.1], [0.8, 0.6, 0.4, 0.5, 0.7])
    feedback = ex.check_best_epoch(3, history)
    assert feedback.correct, str(feedback)
    assert "After epoch 3 the test loss was lowest (0.400)" in feedback.message


@pytest.mark.parametrize(
    ("answer", "phrase"),
    [(2, "np.argmin counts from 0"), (5, "where the training loss was lowest"), (1, "index")],
)
def test_wrong_epochs_get_the_hint_for_their_mistake(answer: int, phrase: str) -> None:
    history = history_with([0.9, 0.5, 0.3, 0.2, 0.1], [0.8, 0.6, 0.4, 0.5, 0.7])
    feedback = ex.check_best_epoch(answer, history)
    assert not feedback.correct and phrase in feedback.hint


def test_a_numpy_integer_from_argmin_counts() -> None:
    history = history_with([0.9, 0.5, 0.3], [0.8, 0.4, 0.6])
    assert ex.check_best_epoch(np.argmin(history.test_losses) + 1, history).correct


def test_a_history_without_test_losses_is_explained() -> None:
    feedback = ex.check_best_epoch(3, history_with([0.5, 0.4], []))
    assert not feedback.correct and "test_data=(X_test, y_test)" in feedback.hint
    assert not ex.check_best_epoch(3, [0.5, 0.4]).correct


# --- regularisation ----------------------------------------------------------------------------


def test_without_weight_decay_the_task_overfits() -> None:
    history = ex.run_regularisation_task(0.0)
    assert history.final_loss < 0.1 and history.final_test_loss > 1.0  # as the module says
    assert min(history.test_losses) < history.final_test_loss / 2  # it rose after its low point


@pytest.mark.parametrize("weight_decay", [0.005, 0.01, 0.03])
def test_moderate_weight_decay_reaches_the_goal(weight_decay: float) -> None:
    feedback = ex.check_regularisation(weight_decay)
    assert feedback.correct, str(feedback)
    assert f"below the goal of {ex.REG_GOAL}" in feedback.message


def test_too_little_weight_decay_still_overfits() -> None:
    feedback = ex.check_regularisation(0.001)
    assert not feedback.correct
    assert "it overfits" in feedback.message and "Make weight_decay larger" in feedback.hint


def test_no_weight_decay_is_told_where_to_start() -> None:
    feedback = ex.check_regularisation(0)
    assert not feedback.correct
    assert "test loss 1.3" in feedback.message and "such as 0.001" in feedback.hint


def test_far_too_much_weight_decay_underfits() -> None:
    feedback = ex.check_regularisation(0.5)
    assert not feedback.correct
    assert "answering 0.5 everywhere" in feedback.message and "smaller" in feedback.hint


def test_somewhat_too_much_weight_decay_is_told_to_go_smaller() -> None:
    feedback = ex.check_regularisation(0.1)
    assert not feedback.correct and "somewhat smaller" in feedback.hint


@pytest.mark.parametrize("answer", [-0.1, float("nan"), "0.01", None, True])
def test_answers_that_are_not_decays_are_refused_with_a_hint(answer: object) -> None:
    feedback = ex.check_regularisation(answer)
    assert not feedback.correct and "0.001" in feedback.hint


def test_a_decay_that_makes_training_diverge_is_explained() -> None:
    feedback = ex.check_regularisation(1e6)
    assert not feedback.correct
    assert "diverge" in feedback.message and "Go lower" in feedback.hint
