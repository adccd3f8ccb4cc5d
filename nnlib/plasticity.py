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
    return w + _check_lr(lr) * as_float(post, "post") * x


def oja_update(weights: Any, pre: Any, lr: float = 0.01) -> FloatArray:
    """w + η·y·(x − y·w) with y = w·x: weights (n,), presynaptic activity x (n,) → (n,)."""
    w, x = _weights_and_input(weights, pre)
    y = float(w @ x)
    return w + _check_lr(lr) * y * (x - y * w)


def train_hebbian(data: Any, **options: Any) -> FloatArray:
    """Hebb's rule with y = w·x over shuffled epochs: data (m, n) → history (epochs·m + 1, n)."""
    return _train(lambda w, x, lr: hebbian_update(w, x, float(w @ x), lr), data, **options)


def train_oja(data: Any, **options: Any) -> FloatArray:
    """Oja's rule over shuffled epochs: data (m, n) → weight history (epochs·m + 1, n).

    Options: lr (0.01), epochs (10), rng (a numpy Generator, needed), initial weights (n,).
    """
    return _train(oja_update, data, **options)


def _train(
    rule: Rule,
    data: Any,
    *,
    rng: np.random.Generator,
    lr: float = 0.01,
    epochs: int = 10,
    initial: Any = None,
) -> FloatArray:
    samples = as_float_array(data, "data", ndim=(2,))
    generator = check_rng(rng)
    epochs = check_size(epochs, "epochs")
    lr = _check_lr(lr)
    n = samples.shape[1]
    w: FloatArray = (
        np.asarray(generator.normal(0.0, 0.1, size=n))
        if initial is None
        else as_float_array(initial, "initial", ndim=(1,))
    )
    if w.shape != (n,):
        raise ValueError(f"initial must have shape ({n},), one weight per feature, got {w.shape}.")
    history = [w]
    for _ in range(epochs):
        for x in samples[generator.permutation(len(samples))]:
            w = rule(w, x, lr)
            history.append(w)
    if not np.isfinite(w).all():
        raise ValueError(f"the weights overflowed with lr={lr}; use a smaller learning rate.")
    return np.asarray(history)


def principal_component(data: Any) -> FloatArray:
    """The unit eigenvector of C = XᵀX / m with the largest eigenvalue: data (m, n) → (n,)."""
    samples = as_float_array(data, "data", ndim=(2,))
    _, vectors = np.linalg.eigh(samples.T @ samples / len(samples))
    top: FloatArray = vectors[:, -1]
    return top if top[np.argmax(np.abs(top))] > 0 else -top


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
