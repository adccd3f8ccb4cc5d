"""Small data sets generated in numpy, for training and for drawing decision boundaries.

Every function returns (X, y): X of shape (n, features) and labels y of shape (n, 1), both float64,
with labels 0.0 or 1.0. The (n, 1) shape matches a network's output, so `BCELoss()(model(X), y)`
works as it is. Randomness comes only from the `rng` you pass, so a seed reproduces a data set.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

import numpy as np

from nnlib.validation import (
    MAX_SAMPLES,
    FloatArray,
    as_float,
    as_float_array,
    check_rng,
    check_size,
)

Dataset = tuple[FloatArray, FloatArray]

GATES: dict[str, tuple[float, float, float, float]] = {
    # outputs for the inputs (0, 0), (0, 1), (1, 0), (1, 1)
    "and": (0.0, 0.0, 0.0, 1.0),
    "or": (0.0, 1.0, 1.0, 1.0),
    "nand": (1.0, 1.0, 1.0, 0.0),
    "xor": (0.0, 1.0, 1.0, 0.0),
}


def logic_gate(name: str) -> Dataset:
    """The truth table of a two-input gate: X (4, 2) of 0/1 inputs, y (4, 1)."""
    if not isinstance(name, str):
        raise TypeError(
            f"name must be a gate's name as a string, got {type(name).__name__} {name!r}. "
            f"Valid names: {', '.join(g.upper() for g in GATES)}, e.g. logic_gate('XOR')."
        )
    key = name.strip().lower()
    if key not in GATES:
        raise ValueError(
            f"Unknown logic gate {name!r}. Valid names: {', '.join(g.upper() for g in GATES)}. "
            f"Pass one of them as a string, e.g. logic_gate('XOR')."
        )
    X = np.array([[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]])
    return X, np.array(GATES[key]).reshape(4, 1)


def make_moons(n: int = 100, noise: float = 0.1, *, rng: np.random.Generator) -> Dataset:
    """Two interleaving half circles (as sklearn's make_moons): X (n, 2), y (n, 1)."""
    n, noise, rng = _check(n, noise, rng)
    n_top = n // 2
    top = np.linspace(0.0, np.pi, n_top)
    bottom = np.linspace(0.0, np.pi, n - n_top)
    X = np.concatenate(
        [
            np.column_stack([np.cos(top), np.sin(top)]),
            np.column_stack([1.0 - np.cos(bottom), 0.5 - np.sin(bottom)]),
        ]
    )
    y = np.concatenate([np.zeros(n_top), np.ones(n - n_top)])
    return _shuffle_with_noise(X, y, noise, rng)


def make_circles(
    n: int = 100, noise: float = 0.05, factor: float = 0.5, *, rng: np.random.Generator
) -> Dataset:
    """A small circle (label 1) inside a large one (label 0): X (n, 2), y (n, 1)."""
    n, noise, rng = _check(n, noise, rng)
    factor = as_float(factor, "factor")
    if not 0.0 < factor < 1.0:
        raise ValueError(
            f"factor (inner radius / outer radius) must lie in (0, 1), got {factor}. Try 0.5."
        )
    n_outer = n // 2
    outer = np.linspace(0.0, 2.0 * np.pi, n_outer, endpoint=False)
    inner = np.linspace(0.0, 2.0 * np.pi, n - n_outer, endpoint=False)
    X = np.concatenate(
        [
            np.column_stack([np.cos(outer), np.sin(outer)]),
            factor * np.column_stack([np.cos(inner), np.sin(inner)]),
        ]
    )
    y = np.concatenate([np.zeros(n_outer), np.ones(n - n_outer)])
    return _shuffle_with_noise(X, y, noise, rng)


def make_spirals(
    n: int = 200, noise: float = 0.05, turns: float = 1.5, *, rng: np.random.Generator
) -> Dataset:
    """Two spirals winding around each other, radius growing to 1: X (n, 2), y (n, 1)."""
    n, noise, rng = _check(n, noise, rng)
    turns = as_float(turns, "turns")
    if turns <= 0.0:
        raise ValueError(f"turns must be positive, got {turns}. Try 1.5.")
    n_first = n // 2
    arms = []
    for label, count in ((0, n_first), (1, n - n_first)):
        radius = np.linspace(0.1, 1.0, count)
        angle = 2.0 * np.pi * turns * radius + np.pi * label  # the second arm is turned by 180°
        arms.append(np.column_stack([radius * np.cos(angle), radius * np.sin(angle)]))
    y = np.concatenate([np.zeros(n_first), np.ones(n - n_first)])
    return _shuffle_with_noise(np.concatenate(arms), y, noise, rng)


def make_xor(n: int = 200, noise: float = 0.0, *, rng: np.random.Generator) -> Dataset:
    """Points in the square [−1, 1]²; label 1 where x₁ and x₂ have opposite signs."""
    n, noise, rng = _check(n, noise, rng)
    X = rng.uniform(-1.0, 1.0, size=(n, 2))
    y = (X[:, 0] * X[:, 1] < 0).astype(np.float64)
    return _shuffle_with_noise(X, y, noise, rng)


def make_slab(
    n: int = 200, noise: float = 0.0, width: float = 1.2, *, rng: np.random.Generator
) -> Dataset:
    """Three features in the cube [−1, 1]³; label 1 inside the slab |x₁ + x₂ + x₃| < width / 2.

    The slab has two walls, so no single plane separates the classes (as with XOR), but a few
    hidden neurons can: the data set the 3-4-4-1 network trains on. X (n, 3), y (n, 1).
    """
    n, noise, rng = _check(n, noise, rng)
    width = as_float(width, "width")
    if width <= 0.0:
        raise ValueError(f"width must be positive, got {width}. Try 1.2.")
    X = rng.uniform(-1.0, 1.0, size=(n, 3))
    y = (np.abs(X.sum(axis=1)) < width / 2.0).astype(np.float64)
    return _shuffle_with_noise(X, y, noise, rng)


DATASETS: dict[str, Callable[..., Dataset]] = {
    "xor": make_xor,
    "moons": make_moons,
    "circles": make_circles,
    "spirals": make_spirals,
}


def train_test_split(
    X: Any, y: Any, test_fraction: float = 0.25, *, rng: np.random.Generator
) -> tuple[FloatArray, FloatArray, FloatArray, FloatArray]:
    """Shuffle the rows with `rng` and hold out a test set: (X_train, X_test, y_train, y_test).

    The order of the four is scikit-learn's. ceil(test_fraction · n) rows go to the test set, as
    in scikit-learn (but 0.7 · 10 counts as 7, not 8, despite rounding in floating point), and
    the rest to the training set; both must be non-empty. The model never
    trains on the test rows, so its loss there measures how well it does on new data.
    """
    inputs = as_float_array(X, "X", ndim=(2,), copy=False)
    targets = as_float_array(y, "y", ndim=(1, 2), copy=False)
    if len(inputs) != len(targets):
        raise ValueError(
            f"X and y must have one row per sample, got {len(inputs)} rows in X and "
            f"{len(targets)} in y. Pass the inputs and labels of the same data set."
        )
    fraction = as_float(test_fraction, "test_fraction")
    if not 0.0 < fraction < 1.0:
        raise ValueError(
            f"test_fraction is the share of samples held out for testing and must lie strictly "
            f"between 0 and 1, got {fraction}. Try 0.25."
        )
    n = len(inputs)
    n_test = math.ceil(round(fraction * n, 9))  # 0.7 · 10 = 7.000000000000001 in float64
    if n_test >= n:
        raise ValueError(
            f"test_fraction={fraction:g} of {n} sample(s) leaves no sample for training: "
            f"both parts need at least one. Pass more samples or a smaller test_fraction."
        )
    order = _required_rng(rng).permutation(n)
    test, train = order[:n_test], order[n_test:]
    return inputs[train], inputs[test], targets[train], targets[test]


def _check(
    n: int, noise: float, rng: np.random.Generator
) -> tuple[int, float, np.random.Generator]:
    hint = "n counts the samples: at least 2, so that both classes appear, e.g. n=100."
    count = check_size(n, "n", hint=hint, minimum=2, maximum=MAX_SAMPLES)
    scale = as_float(noise, "noise")
    if scale < 0.0:
        raise ValueError(
            f"noise is a standard deviation and must be ≥ 0, got {scale}. Use 0 for none."
        )
    return count, scale, _required_rng(rng)


def _required_rng(rng: Any) -> np.random.Generator:
    if rng is None:
        raise TypeError(
            "rng must be a numpy.random.Generator so the data set can be reproduced; got None. "
            "Pass rng=numpy.random.default_rng(0)."
        )
    return check_rng(rng)


def _shuffle_with_noise(
    X: FloatArray, y: FloatArray, noise: float, rng: np.random.Generator
) -> Dataset:
    order = rng.permutation(len(X))
    jitter = rng.normal(0.0, noise, size=X.shape) if noise > 0 else 0.0
    inputs: FloatArray = X[order] + jitter
    return inputs, y[order].reshape(-1, 1).astype(np.float64)
