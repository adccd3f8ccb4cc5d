"""Checkers for notebook 09: split off test data, count mini-batch steps, find the epoch where
the test loss was lowest, and regularise an overfitting network until its test loss is low."""

from __future__ import annotations

import math
from typing import Any

import numpy as np

from nnlib.data import make_moons, train_test_split
from nnlib.exercises.feedback import Feedback
from nnlib.losses import BCELoss
from nnlib.optim import SGD
from nnlib.sequential import Sequential, mlp
from nnlib.train import History, TrainingDiverged, fit

SPLIT_FRACTION = 0.25  # the split exercise holds out a quarter of the data
STEP_TASK = {"samples": 30, "batch_size": 8, "epochs": 5}  # the step-counting exercise
# The regularisation exercise: a 2-16-16-1 tanh network on 40 noisy moons, tested on 40 more.
# Without weight decay it ends with a test loss of about 1.3; decays from about 0.003 to 0.05
# bring it below the goal, and from about 0.2 on the network can no longer fit anything.
REG_SAMPLES, REG_NOISE, REG_EPOCHS, REG_LR, REG_MOMENTUM = 80, 0.35, 300, 0.5, 0.9
REG_GOAL = 0.35
GUESSING_LOSS = math.log(2.0)  # the cross-entropy of answering 0.5 everywhere


def regularisation_data() -> tuple[Any, Any, Any, Any]:
    """The exercise's data: (X_train, X_test, y_train, y_test), 40 points each, fixed seeds."""
    X, y = make_moons(REG_SAMPLES, noise=REG_NOISE, rng=np.random.default_rng(3))
    return train_test_split(X, y, test_fraction=0.5, rng=np.random.default_rng(4))


def regularisation_model() -> Sequential:
    """The exercise's network: 2-16-16-1 with tanh, seed 5, far larger than 40 points need."""
    return mlp([2, 16, 16, 1], "tanh", rng=np.random.default_rng(5))


def run_regularisation_task(weight_decay: float) -> History:
    """Train the exercise's network with SGD(lr=0.5, momentum=0.9, weight_decay=weight_decay)."""
    X_train, X_test, y_train, y_test = regularisation_data()
    model = regularisation_model()
    optimizer = SGD(model.parameters(), REG_LR, REG_MOMENTUM, weight_decay=weight_decay)
    return fit(model, X_train, y_train, loss=BCELoss(), optimizer=optimizer, epochs=REG_EPOCHS,
               test_data=(X_test, y_test))  # fmt: skip


def check_regularisation(weight_decay: Any) -> Feedback:
    """Right when training with this weight decay ends with a test loss below REG_GOAL."""
    if isinstance(weight_decay, bool) or not isinstance(weight_decay, (int, float)):
        return Feedback.wrong(
            f"weight_decay must be a number, got {weight_decay!r}.", "Try a value such as 0.001."
        )
    if not math.isfinite(weight_decay) or weight_decay < 0:
        return Feedback.wrong(
            f"weight_decay must be a finite number ≥ 0, got {weight_decay!r}.",
            "0 means no regularisation; try small positive values such as 0.001.",
        )
    try:
        history = run_regularisation_task(float(weight_decay))
    except TrainingDiverged as error:
        return Feedback.wrong(
            f"weight_decay={weight_decay:g} made training diverge at step {error.step}.",
            "Each step multiplies the weights by 1 − lr·weight_decay: far too strong. Go lower.",
        )
    train, test = history.final_loss, history.final_test_loss
    scores = f"training loss {train:.3f}, test loss {test:.3f}"
    if test < REG_GOAL:
        return Feedback.right(
            f"weight_decay={weight_decay:g}: {scores}, below the goal of {REG_GOAL}. Without "
            f"weight decay the test loss ends near 1.3."
        )
    if train > 0.9 * GUESSING_LOSS:
        return Feedback.wrong(
            f"weight_decay={weight_decay:g}: {scores}. Even the training loss is close to "
            f"{GUESSING_LOSS:.3f}, the loss of answering 0.5 everywhere.",
            "The decay is so strong that it holds every weight near 0: the network underfits. "
            "Make weight_decay smaller.",
        )
    if train < test / 2:
        return Feedback.wrong(
            f"weight_decay={weight_decay:g}: {scores}. The network still fits the training "
            f"points far better than the test points: it overfits.",
            "Start with a small weight decay such as 0.001."
            if weight_decay == 0
            else "Make weight_decay larger (try multiplying it by 3 or 10) so the weights stay "
            "small.",
        )
    return Feedback.wrong(
        f"weight_decay={weight_decay:g}: {scores} (the goal is a test loss below {REG_GOAL}).",
        "Both losses are high: the network underfits. Make weight_decay somewhat smaller.",
    )


def steps_for(samples: int, batch_size: int, epochs: int) -> int:
    """SGD steps fit takes: ceil(samples / batch_size) batches per epoch, the last one smaller."""
    return epochs * math.ceil(samples / batch_size)


def check_step_count(answer: Any) -> Feedback:
    """Right when `answer` is the number of SGD steps of fit on STEP_TASK."""
    n, size, epochs = STEP_TASK["samples"], STEP_TASK["batch_size"], STEP_TASK["epochs"]
    right = steps_for(n, size, epochs)
    if isinstance(answer, bool) or not isinstance(answer, (int, float)):
        return Feedback.wrong(f"The answer is a number of steps, got {answer!r}.", "Count them.")
    if answer == right:
        return Feedback.right(
            f"{right} steps: each epoch splits the {n} samples into {right // epochs} batches "
            f"({n // size} of {size} and one of {n % size}), and there are {epochs} epochs."
        )
    hints = {
        epochs: "That is one step per epoch, full-batch training. With batch_size=8 each epoch "
        "takes several steps, one per batch.",
        n * epochs: "That is one step per sample. A step uses a whole batch of 8 samples.",
        n * epochs / size: "Close: but a batch count is a whole number. The samples left over "
        "after the full batches form one more, smaller batch.",
        epochs * (n // size): "Close: you counted only the full batches. The samples left over "
        "form one more, smaller batch, and it takes a step too.",
    }
    hint = next((text for value, text in hints.items() if math.isclose(answer, value)), None)
    return Feedback.wrong(
        f"{answer!r} is not the number of steps.",
        hint
        or f"Count the batches in one epoch ({n} samples, {size} per batch, the last one "
        f"may be smaller), then multiply by the {epochs} epochs.",
    )


def check_best_epoch(answer: Any, history: Any) -> Feedback:
    """Right when `answer` is the epoch (counted from 1) after which the test loss was lowest."""
    if not isinstance(history, History) or not history.test_losses:
        return Feedback.wrong(
            "history must be the History of a fit run with test_data.",
            "Pass the history from the overfitting cell: fit(..., test_data=(X_test, y_test)).",
        )
    if isinstance(answer, bool) or not isinstance(answer, (int, float, np.integer)):
        return Feedback.wrong(f"The answer is an epoch number, got {answer!r}.", "Give a number.")
    best = int(np.argmin(history.test_losses)) + 1
    lowest = min(history.test_losses)
    if answer == best:
        return Feedback.right(
            f"After epoch {best} the test loss was lowest ({lowest:.3f}); it ended at "
            f"{history.final_test_loss:.3f}. Stopping there is called early stopping."
        )
    if answer == best - 1:
        hint = "np.argmin counts from 0, but epochs count from 1: add 1."
    elif answer == int(np.argmin(history.losses)) + 1:
        hint = "That is where the training loss was lowest. Look at history.test_losses instead."
    else:
        hint = "np.argmin(history.test_losses) gives the index of the lowest test loss, from 0."
    return Feedback.wrong(f"After epoch {answer!r} the test loss was not at its lowest.", hint)


def check_split(X: Any, y: Any, X_train: Any, X_test: Any, y_train: Any, y_test: Any) -> Feedback:
    """Right when the four parts split (X, y) into a training part and a 25% test part."""
    parts = _arrays(X_train, X_test, y_train, y_test)
    if isinstance(parts, Feedback):
        return parts
    X_train, X_test, y_train, y_test = parts
    data, labels = np.asarray(X, dtype=np.float64), np.asarray(y, dtype=np.float64)
    columns = [part.shape[1:] for part in parts]
    if columns != [data.shape[1:], data.shape[1:], labels.shape[1:], labels.shape[1:]]:
        return Feedback.wrong(
            "The parts are in the wrong order.",
            "train_test_split returns X_train, X_test, y_train, y_test, in scikit-learn's "
            "order: both input parts first, then both label parts.",
        )
    n_test = math.ceil(SPLIT_FRACTION * len(data))
    if [len(part) for part in parts] != [len(data) - n_test, n_test] * 2:
        return Feedback.wrong(
            f"The test part has {len(X_test)} rows and the training part {len(X_train)}; a "
            f"quarter of {len(data)} is {n_test} test rows.",
            "Pass test_fraction=0.25, the share that goes to the test part.",
        )
    rows = np.concatenate([X_train, X_test])
    joined = np.concatenate([rows, np.concatenate([y_train, y_test]).reshape(len(rows), -1)], 1)
    original = np.concatenate([data, labels.reshape(len(data), -1)], axis=1)
    if not np.array_equal(_sorted_rows(joined), _sorted_rows(original)):
        return Feedback.wrong(
            "Together the parts are not the data set's rows, each with its own label.",
            "Split X and y in one call, train_test_split(X, y, ...), so labels stay with rows.",
        )
    return Feedback.right(
        f"{len(X_train)} training and {len(X_test)} test rows, every label with its row."
    )


def _arrays(*parts: Any) -> tuple[Any, ...] | Feedback:
    try:
        arrays = tuple(np.asarray(part, dtype=np.float64) for part in parts)
    except (TypeError, ValueError):
        arrays = ()
    if len(arrays) != 4 or any(a.ndim == 0 for a in arrays):
        return Feedback.wrong(
            "The four parts must be arrays of numbers.",
            "Unpack the four arrays train_test_split returns: "
            "X_train, X_test, y_train, y_test = train_test_split(X, y, ...).",
        )
    return arrays


def _sorted_rows(table: Any) -> Any:
    return table[np.lexsort(table.T[::-1])]
