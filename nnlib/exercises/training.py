"""Checkers for notebook 06: choose learning rates that converge and diverge, and solve XOR."""

from __future__ import annotations

from typing import Any

import numpy as np

from nnlib.data import logic_gate
from nnlib.exercises.feedback import Feedback
from nnlib.layers import Linear, ReLU
from nnlib.losses import MSELoss
from nnlib.metrics import accuracy
from nnlib.module import Module
from nnlib.optim import SGD
from nnlib.sequential import Sequential
from nnlib.train import History, TrainingDiverged, fit

LR_TASK_EPOCHS = 200
CONVERGED_LOSS = 0.01  # mean squared error low enough that every XOR output is on the right side


def lr_task_model() -> Sequential:
    """The fixed task of the learning-rate exercises: 2-8-1 ReLU network, seed 0, MSE on XOR."""
    rng = np.random.default_rng(0)
    return Sequential(Linear(2, 8, rng=rng), ReLU(), Linear(8, 1, rng=rng))


def run_lr_task(lr: float) -> History:
    """Train the task with plain SGD at `lr` for LR_TASK_EPOCHS full-batch steps."""
    X, y = logic_gate("XOR")
    model = lr_task_model()
    return fit(
        model, X, y, loss=MSELoss(), optimizer=SGD(model.parameters(), lr), epochs=LR_TASK_EPOCHS
    )


def _as_lr(lr: Any) -> float | Feedback:
    if isinstance(lr, bool) or not isinstance(lr, (int, float)) or not np.isfinite(lr) or lr <= 0:
        return Feedback.wrong(
            f"A learning rate is a positive number, got {lr!r}.", "Try a value such as 0.1."
        )
    return float(lr)


def check_converging_lr(lr: Any) -> Feedback:
    """Right when SGD at `lr` brings the task's loss below CONVERGED_LOSS without diverging."""
    rate = _as_lr(lr)
    if isinstance(rate, Feedback):
        return rate
    try:
        history = run_lr_task(rate)
    except TrainingDiverged as error:
        return Feedback.wrong(
            f"lr={rate:g} diverged at step {error.step}.",
            "Each step overshoots and the weights blow up: make the learning rate smaller.",
        )
    first, last = history.losses[0], history.final_loss
    if last < CONVERGED_LOSS:
        return Feedback.right(
            f"lr={rate:g} converges: the loss fell from {first:.3f} to {last:.2g} in "
            f"{history.steps} steps."
        )
    if last > first:
        return Feedback.wrong(
            f"With lr={rate:g} the loss grew from {first:.3f} to {last:.3g}.",
            "Growing loss means the steps overshoot: try a smaller learning rate.",
        )
    return Feedback.wrong(
        f"With lr={rate:g} the loss only fell from {first:.3f} to {last:.3f} in {history.steps} "
        f"steps (the goal is below {CONVERGED_LOSS}).",
        "The steps are too small, or some ReLU units died and the network got stuck: on this task "
        "every value from 0.1 to 0.5 converges.",
    )


def check_diverging_lr(lr: Any) -> Feedback:
    """Right when SGD at `lr` makes the task's loss blow up instead of falling."""
    rate = _as_lr(lr)
    if isinstance(rate, Feedback):
        return rate
    try:
        history = run_lr_task(rate)
    except TrainingDiverged as error:
        return Feedback.right(f"lr={rate:g} diverges. nnlib stopped it and said: {error}")
    first, last = history.losses[0], history.final_loss
    if last > 1000.0 * first:
        return Feedback.right(
            f"lr={rate:g} diverges: the loss exploded from {first:.3f} to {last:.3g}; a few "
            f"more steps and the numbers overflow."
        )
    return Feedback.wrong(
        f"lr={rate:g} does not blow up: the loss went from {first:.3f} to {last:.3g}.",
        "Divergence needs steps far too big for the slope: on this task, try 2 or more.",
    )


def check_xor_model(model: Any) -> Feedback:
    """Right when `model` classifies all four XOR inputs correctly (output ≥ 0.5 means 1)."""
    if not isinstance(model, Module):
        return Feedback.wrong(
            f"Expected an nnlib model, got {type(model).__name__}.",
            "Build one with mlp([2, 4, 1], 'tanh', rng=np.random.default_rng(0)) or "
            "Sequential(...).",
        )
    X, y = logic_gate("XOR")
    try:
        out = np.asarray(model(X), dtype=np.float64).reshape(y.shape)
    except ValueError as error:
        return Feedback.wrong(f"The model cannot take the 4 XOR inputs: {error}", "Use 2 inputs.")
    linears = [m for m in getattr(model, "modules", (model,)) if isinstance(m, Linear)]
    correct = round(4 * accuracy(out, y))
    if correct == 4:
        return Feedback.right("All four XOR inputs are classified correctly: 100% accuracy.")
    if len(linears) < 2:
        return Feedback.wrong(
            f"{correct} of 4 correct. One layer draws a single straight line, and no line "
            f"separates XOR's 1s from its 0s.",
            "Add a hidden layer, e.g. mlp([2, 4, 1], 'tanh', rng=np.random.default_rng(0)), then "
            "train it.",
        )
    return Feedback.wrong(
        f"{correct} of 4 correct.",
        "The network can solve XOR: train it for more epochs or with a larger learning rate "
        "(lr=0.5, momentum=0.9 and 200 epochs work well).",
    )
