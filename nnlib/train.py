"""The training loop: forward, loss, backward, step, repeated, with divergence caught and explained.

No printing and no plotting happens here: progress is reported through a callback, so notebooks
and panels decide how to show it.
"""

from __future__ import annotations

import copy
import math
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from nnlib.losses import Loss
from nnlib.module import Module
from nnlib.optim import SGD, Optimizer
from nnlib.validation import (
    MAX_EPOCHS,
    MAX_SAMPLES,
    FloatArray,
    as_float_array,
    check_rng,
    check_size,
)

__all__ = ["History", "TrainingDiverged", "fit", "train_step"]

Callback = Callable[[int, float, Module], Any]


class TrainingDiverged(RuntimeError):
    """The loss or a parameter became NaN or inf: the learning rate was too large."""

    def __init__(self, step: int, lr: float, what: str) -> None:
        self.step, self.lr, self.what = step, lr, what
        super().__init__(
            f"Training diverged at step {step}: {what}. With learning rate lr={lr:g} each update "
            f"overshot the minimum, so the weights grew until the numbers overflowed. "
            f"Lower the learning rate, ten times to begin with (lr={lr / 10:g}), and train "
            f"again from a fresh model; if the loss still grows, lower it again."
        )


@dataclass
class History:
    """What `fit` did: the mean training loss of each epoch, the number of SGD steps, and the
    loss on the test data after each epoch (empty without test data)."""

    losses: list[float] = field(default_factory=list)
    steps: int = 0
    stopped_early: bool = False
    test_losses: list[float] = field(default_factory=list)

    @property
    def epochs(self) -> int:
        return len(self.losses)

    @property
    def final_loss(self) -> float:
        return self.losses[-1] if self.losses else float("nan")

    @property
    def final_test_loss(self) -> float:
        return self.test_losses[-1] if self.test_losses else float("nan")

    def __repr__(self) -> str:
        test = f", final_test_loss={self.final_test_loss:.6g}" if self.test_losses else ""
        return (
            f"History(epochs={self.epochs}, steps={self.steps}, "
            f"final_loss={self.final_loss:.6g}{test}, stopped_early={self.stopped_early})"
        )


@contextmanager
def divergence_guard(model: Module, optimizer: Optimizer, step: int) -> Iterator[None]:
    """Turn overflow or NaN anywhere in one step into TrainingDiverged naming that step."""
    try:
        with np.errstate(over="raise", invalid="raise"):
            yield
    except FloatingPointError as error:
        raise _diverged(model, optimizer, step, error) from None


def _diverged(
    model: Module, optimizer: Optimizer, step: int, error: FloatingPointError
) -> TrainingDiverged:
    bad = [name for name, p in model.named_parameters() if not np.isfinite(p.data).all()]
    # numpy's message names the operation, which depends on how the loss is computed; the
    # learner needs only the kind of failure.
    kind = "invalid value, NaN" if "invalid" in str(error) else "overflow"
    where = (
        f"parameter {', '.join(bad)} became inf or NaN"
        if bad
        else f"the numbers grew too large to represent ({kind})"
    )
    return TrainingDiverged(step, optimizer.lr, where)


def train_step(
    model: Module, X: FloatArray, y: FloatArray, loss: Loss, optimizer: Optimizer, step: int = 1
) -> float:
    """One SGD step on the batch (X, y); returns the loss before the update."""
    with divergence_guard(model, optimizer, step):
        return _take_step(model, X, y, loss, optimizer, step, fused=False, check=True)


def _take_step(
    model: Module, X: Any, y: Any, loss: Loss, optimizer: Any, step: int, fused: bool, check: bool
) -> float:
    if not fused:  # the five lines of the notebook, each call checking its arguments
        optimizer.zero_grad()
        value = loss(model(X), y)
        model.backward(loss.backward())
    else:  # fit's fast path: gradients overwrite .grad (zero_grad and backward in one), dLoss/dX
        # is skipped, and the model's passes skip the checks of X that fit has made already
        out = model.forward_unchecked(X)
        if check:  # the first step checks all; later batches have its shapes and fit's labels
            if not np.isfinite(out).all():  # the weights may hold NaN from the start
                model(X)  # the checked pass names the layer that made the NaN or inf
            value, grad = loss.value_and_grad(out, y)
        else:
            value, grad = loss.value_and_grad_unchecked(out, y)
        model.backward_unchecked(grad, overwrite=True, input_grad=False)
    optimizer.step()
    if not math.isfinite(value):
        raise TrainingDiverged(step, optimizer.lr, f"the loss became {value}")
    return value


def fit(
    model: Module,
    X: Any,
    y: Any,
    *,
    loss: Loss,
    optimizer: Optimizer,
    epochs: int,
    batch_size: int | None = None,
    rng: np.random.Generator | None = None,
    callback: Callback | None = None,
    test_data: tuple[Any, Any] | None = None,
) -> History:
    """Train for `epochs` passes over X: (n, features) with targets y: (n, outputs).

    batch_size=None uses the whole data set in every step (full-batch gradient descent). With a
    batch_size, each epoch splits the rows into batches of that size (the last may be smaller):
    in order without an `rng`, or in the order of a fresh `rng.permutation(n)` each epoch, so
    the same seed gives the same batches. test_data=(X_test, y_test), data the model never
    trains on, adds its loss after each epoch to `History.test_losses` (no gradient, no step).
    callback(epoch, loss, model) runs after each epoch; returning True or "stop" ends training.
    """
    inputs, targets = _check_data(X, y)
    _check_trainer(model, loss, optimizer)
    n_epochs = check_size(epochs, "epochs", hint=EPOCHS_HINT, maximum=MAX_EPOCHS)
    size = (
        len(inputs)
        if batch_size is None
        else check_size(batch_size, "batch_size", hint=BATCH_HINT, maximum=MAX_SAMPLES)
    )
    generator = None if rng is None else check_rng(rng)
    _check_callback(callback)
    if isinstance(loss, Loss):
        loss.check_target(targets)  # all of them, before the first step changes anything
    held_out = None if test_data is None else _check_test_data(test_data, inputs, targets, loss)
    fused = _fusable(model, loss, optimizer)
    history = History()
    user_errstate: dict[str, Any] = dict(np.geterr()) if callback is not None else {}
    try:  # one guard around the whole loop rather than one per step: the same check, cheaper
        with np.errstate(over="raise", invalid="raise"):
            for epoch in range(1, n_epochs + 1):
                total = 0.0
                for xb, yb in _batches(inputs, targets, size, generator):
                    history.steps += 1
                    first = history.steps == 1
                    value = _take_step(model, xb, yb, loss, optimizer, history.steps, fused, first)
                    total += value * len(xb)
                history.losses.append(total / len(inputs))
                if held_out is not None:
                    history.test_losses.append(held_out.loss(model))
                if callback is not None and _callback_stops(
                    callback, epoch, history, model, user_errstate
                ):
                    history.stopped_early = True
                    break
    except FloatingPointError as error:
        raise _diverged(model, optimizer, history.steps, error) from None
    return history


EPOCHS_HINT = "An epoch is one pass over the data: train for at least one, e.g. epochs=100."


BATCH_HINT = (
    "A batch holds at least one sample: pass e.g. batch_size=16, or batch_size=None to use "
    "the whole data set in every step."
)


@dataclass(frozen=True)
class _TestData:
    """fit's checked test data, and a copy of the loss, so that measuring the test loss leaves
    the loss's record of the last training batch (what loss.backward() uses) as it was."""

    inputs: FloatArray
    targets: FloatArray
    loss_fn: Any

    def loss(self, model: Module) -> float:
        return float(self.loss_fn(model.forward_unchecked(self.inputs), self.targets))


def _check_test_data(
    test_data: Any, inputs: FloatArray, targets: FloatArray, loss: Any
) -> _TestData:
    if not isinstance(test_data, (tuple, list)) or len(test_data) != 2:
        raise TypeError(
            f"test_data must be a pair (X_test, y_test), got {type(test_data).__name__}. Pass "
            f"test_data=(X_test, y_test), e.g. the test part of nnlib.train_test_split."
        )
    X_test = as_float_array(test_data[0], "X_test (test_data[0])", ndim=(2,), copy=False)
    y_test = as_float_array(test_data[1], "y_test (test_data[1])", ndim=(1, 2), copy=False)
    if X_test.shape[1:] != inputs.shape[1:] or y_test.shape[1:] != targets.shape[1:]:
        raise ValueError(
            f"test_data must have the columns of the training data: X has shape {inputs.shape} "
            f"and y {targets.shape}, but X_test has {X_test.shape} and y_test {y_test.shape}. "
            f"Split one data set with nnlib.train_test_split so both parts match."
        )
    if len(X_test) != len(y_test) or len(X_test) == 0:
        raise ValueError(
            f"test_data needs one label per sample and at least one sample, got {len(X_test)} "
            f"rows in X_test and {len(y_test)} in y_test."
        )
    if isinstance(loss, Loss):
        loss.check_target(y_test)
    return _TestData(X_test, y_test, copy.copy(loss) if isinstance(loss, Loss) else loss)


def _check_callback(callback: Any) -> None:
    if callback is not None and not callable(callback):
        raise TypeError(
            f"callback must be a function callback(epoch, loss, model), or None, got "
            f"{type(callback).__name__} {callback!r}. Pass the function itself, without "
            f"calling it: callback=show, not callback=show(...)."
        )


def _callback_stops(
    callback: Callback, epoch: int, history: History, model: Module, errstate: dict[str, Any]
) -> bool:
    """callback(epoch, loss, model) under the learner's numpy error settings, not the guard's."""
    with np.errstate(**errstate):
        answer = callback(epoch, history.final_loss, model)
    return answer is True or (isinstance(answer, str) and answer.lower() == "stop")


def _fusable(model: Module, loss: Any, optimizer: Any) -> bool:
    """May fit skip the per-call checks after its first step, and fuse zero_grad into backward?

    Yes for an nnlib loss and an SGD over exactly the model's parameters: the first step checks
    the shapes, and every later batch has the same columns. Other optimizers or losses get the
    checked five lines on every step.
    """
    if type(optimizer) is not SGD or not isinstance(loss, Loss):
        return False
    params, updated = model.parameters(), optimizer.params
    if len(params) == len(updated) and all(a is b for a, b in zip(params, updated, strict=True)):
        return True  # SGD(model.parameters()), the usual case
    return {id(p) for p in params} == {id(p) for p in updated}


def _batches(
    X: FloatArray, y: FloatArray, size: int, rng: np.random.Generator | None
) -> Sequence[tuple[FloatArray, FloatArray]] | Iterator[tuple[FloatArray, FloatArray]]:
    """(X, y) batches of `size` rows, in order or shuffled by `rng`; the whole set is one batch."""
    n = len(X)
    if size >= n:
        return ((X, y),)  # no copy, and the order of rows does not change the mean gradient
    if rng is None:  # in order: views of consecutive rows, the same batches without copying
        return ((X[start : start + size], y[start : start + size]) for start in range(0, n, size))
    order = rng.permutation(n)
    return ((X[rows], y[rows]) for rows in np.array_split(order, range(size, n, size)))


def _check_data(X: Any, y: Any) -> tuple[FloatArray, FloatArray]:
    inputs = as_float_array(X, "X", ndim=(2,), copy=False)  # training never writes into them
    targets = as_float_array(y, "y", ndim=(1, 2), copy=False)
    if len(inputs) != len(targets):
        raise ValueError(
            f"X and y must have one row per sample, got {len(inputs)} rows in X and "
            f"{len(targets)} in y. Pass the inputs and labels of the same data set."
        )
    if len(inputs) == 0:
        raise ValueError("X is empty: there is nothing to train on. Pass at least one sample.")
    return inputs, targets


def _check_trainer(model: Any, loss: Any, optimizer: Any) -> None:
    if not isinstance(model, Module):
        raise TypeError(
            f"model must be an nnlib Module such as Sequential(...), got {type(model).__name__}."
        )
    if isinstance(loss, type) or not (callable(loss) and hasattr(loss, "backward")):
        raise TypeError(
            f"loss must be a loss object such as BCELoss() or MSELoss(), got {loss!r}. "
            f"Note the brackets: loss=BCELoss(), not loss=BCELoss."
        )
    if not (hasattr(optimizer, "step") and hasattr(optimizer, "zero_grad")):
        raise TypeError(
            f"optimizer must be an optimizer such as SGD(model.parameters(), lr=0.1), got "
            f"{type(optimizer).__name__}."
        )
