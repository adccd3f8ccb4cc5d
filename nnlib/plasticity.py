"""Synaptic plasticity: local learning rules that change a weight from what its synapse sees.

A linear neuron y = w·x learns from unlabelled inputs x. Hebb's rule strengthens synapses whose
input is active when the neuron is ("cells that fire together wire together"); it grows without
bound. Oja's rule adds a decay term that keeps |w| near 1, and w then settles on the principal
component of the inputs: the direction in which they vary most.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np

from nnlib.validation import FloatArray, as_float, as_float_array, check_rng, check_size

Rule = Callable[[FloatArray, FloatArray, float], FloatArray]


def hebbian_update(weights: Any, pre: Any, post: Any, lr: float = 0.01) -> FloatArray:
    """w + η·y·x: weights (n,), presynaptic activity x (n,), postsynaptic activity y (float)."""
    w, x = _weights_and_input(weights, pre)
    y, rate = as_float(post, "post"), _check_lr(lr)
    return _finite(lambda: w + rate * y * x, rate)


def oja_update(weights: Any, pre: Any, lr: float = 0.01) -> FloatArray:
    """w + η·y·(x − y·w) with y = w·x: weights (n,), presynaptic activity x (n,) → (n,)."""
    w, x = _weights_and_input(weights, pre)
    rate = _check_lr(lr)
    return _finite(lambda: _oja_step(w, x, rate), rate)


def _hebb_step(w: FloatArray, x: FloatArray, lr: float) -> FloatArray:
    return w + lr * float(w @ x) * x


def _oja_step(w: FloatArray, x: FloatArray, lr: float) -> FloatArray:
    y = float(w @ x)
    return w + lr * y * (x - y * w)


def _finite(update: Callable[[], FloatArray], lr: float) -> FloatArray:
    """One update, with overflow reported as the library's message rather than a warning."""
    with np.errstate(over="ignore", invalid="ignore"):
        w = update()
    if not np.isfinite(w).all():
        raise ValueError(_overflow_message(lr, 1))
    return w


def _overflow_message(lr: float, updates: int) -> str:
    return (
        f"the weights overflowed with lr={lr} after {updates} update(s); use a smaller "
        f"learning rate, e.g. lr={lr / 10:g}, or smaller inputs."
    )


def train_hebbian(data: Any, **options: Any) -> FloatArray:
    """Hebb's rule with y = w·x over shuffled epochs: data (m, n) → history (epochs·m + 1, n)."""
    return _train(_hebb_step, data, **options)


def train_oja(data: Any, **options: Any) -> FloatArray:
    """Oja's rule over shuffled epochs: data (m, n) → weight history (epochs·m + 1, n).

    Options: lr (0.01), epochs (10), rng (a numpy Generator, needed), initial weights (n,).
    """
    return _train(_oja_step, data, **options)


def _train(
    rule: Rule,
    data: Any,
    *,
    rng: np.random.Generator,
    lr: float = 0.01,
    epochs: int = 10,
    initial: Any = None,
) -> FloatArray:
    samples = _check_data(data)
    generator = check_rng(rng)
    epochs = check_size(epochs, "epochs", hint=EPOCHS_HINT, maximum=MAX_HISTORY)
    lr = _check_lr(lr)
    m, n = samples.shape
    if (epochs * m + 1) * n > MAX_HISTORY:
        raise ValueError(
            f"epochs × samples × features = {epochs:,} × {m:,} × {n:,} weights to keep in the "
            f"history, more than {MAX_HISTORY:,}. Train for fewer epochs or on fewer samples."
        )
    w: FloatArray = (
        np.asarray(generator.normal(0.0, 0.1, size=n))
        if initial is None
        else as_float_array(initial, "initial", ndim=(1,))
    )
    if w.shape != (n,):
        raise ValueError(f"initial must have shape ({n},), one weight per feature, got {w.shape}.")
    history = [w]
    # Overflow is caught below with the library's own message, not numpy's RuntimeWarning.
    with np.errstate(over="ignore", invalid="ignore"):
        for _ in range(epochs):
            for x in samples[generator.permutation(m)]:
                w = rule(w, x, lr)
                if not np.isfinite(w).all():
                    raise ValueError(_overflow_message(lr, len(history)))
                history.append(w)
    return np.asarray(history)


def principal_component(data: Any) -> FloatArray:
    """The unit eigenvector of C = XᵀX / m with the largest eigenvalue: data (m, n) → (n,)."""
    samples = _check_data(data)
    _, vectors = np.linalg.eigh(samples.T @ samples / len(samples))
    top: FloatArray = vectors[:, -1]
    return top if top[np.argmax(np.abs(top))] > 0 else -top


EPOCHS_HINT = "An epoch is one pass over the data: use at least one, e.g. epochs=10."
MAX_HISTORY = 50_000_000  # weights kept in a training history: 400 MB of float64


def _check_data(data: Any) -> FloatArray:
    samples = as_float_array(data, "data", ndim=(2,))
    if samples.size == 0:
        raise ValueError(
            f"data is empty (shape {samples.shape}): there is nothing to learn from. Pass at "
            f"least one sample with at least one feature, shape (m, n)."
        )
    return samples


def _weights_and_input(weights: Any, pre: Any) -> tuple[FloatArray, FloatArray]:
    w = as_float_array(weights, "weights", ndim=(1,))
    x = as_float_array(pre, "pre", ndim=(1,))
    if w.shape != x.shape:
        raise ValueError(
            f"pre must have one value per weight, shape {w.shape}, got shape {x.shape}."
        )
    return w, x


def _check_lr(lr: Any) -> float:
    value = as_float(lr, "lr")
    if value <= 0:
        raise ValueError(f"lr must be positive, got {value}. Try a small rate such as 0.01.")
    return value
