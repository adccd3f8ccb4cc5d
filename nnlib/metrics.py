"""Measuring a model rather than training it: `accuracy`, and the loss over a grid of weights."""

from __future__ import annotations

from typing import Any

import numpy as np

from nnlib.losses import Loss
from nnlib.module import Module, Parameter
from nnlib.validation import FloatArray, as_float, as_float_array, check_nonempty

ParamEntry = tuple[Parameter, "int | tuple[int, ...]"]
MAX_GRID_POINTS = 250_000  # each point is a forward pass: 500 × 500 takes seconds already


def accuracy(output: Any, target: Any, threshold: float = 0.5) -> float:
    """Fraction of samples where (output ≥ threshold) equals the 0/1 label; shapes must match."""
    out = as_float_array(output, "output", ndim=(0, 1, 2))
    tgt = as_float_array(target, "target", ndim=(0, 1, 2))
    if out.shape != tgt.shape:
        raise ValueError(
            f"output and target must have the same shape, got {out.shape} and {tgt.shape}. "
            f"Compare model(X) with labels y of shape (n, 1)."
        )
    check_nonempty(out, "output", "Accuracy counts correct samples: pass at least one.")
    predicted = out >= as_float(threshold, "threshold")
    return float(np.mean(predicted == (tgt >= 0.5)))


def loss_surface(
    model: Module,
    X: Any,
    y: Any,
    loss: Loss,
    first: ParamEntry,
    second: ParamEntry,
    values: tuple[Any, Any],
) -> FloatArray:
    """L over a grid of two parameter entries: shape (len(values[1]), len(values[0])).

    first and second name one number each, as (parameter, index), e.g. (neuron.weight, 0). Every
    other parameter keeps its value, and both entries are restored afterwards.
    """
    _check_model_and_loss(model, loss)
    xs, ys = _grid_axes(values)
    (p1, i1), (p2, i2) = _entry(first, "first"), _entry(second, "second")
    loss(model(X), y)  # bad data is reported before any parameter is touched
    saved = (p1.data[i1].copy(), p2.data[i2].copy())
    surface = np.empty((len(ys), len(xs)))
    try:
        for row, b in enumerate(ys):
            for col, a in enumerate(xs):
                p1.data[i1], p2.data[i2] = a, b
                surface[row, col] = loss(model(X), y)
    finally:
        p1.data[i1], p2.data[i2] = saved
    return surface


def _check_model_and_loss(model: Any, loss: Any) -> None:
    if not isinstance(model, Module):
        raise TypeError(
            f"model must be an nnlib Module such as Neuron(...) or Sequential(...), got "
            f"{type(model).__name__}."
        )
    if not isinstance(loss, Loss):
        raise TypeError(
            f"loss must be a loss object such as MSELoss() or BCELoss(), got {loss!r}. "
            f"Note the brackets: MSELoss(), not MSELoss."
        )


def _grid_axes(values: Any) -> tuple[FloatArray, FloatArray]:
    if not isinstance(values, (tuple, list)) or len(values) != 2:
        raise TypeError(
            f"values must be a pair (xs, ys) of 1-D grids, one per entry, got "
            f"{type(values).__name__}. Pass e.g. (np.linspace(-3, 3, 41), np.linspace(-3, 3, 41))."
        )
    hint = "Pass at least one value per axis, e.g. np.linspace(-3, 3, 41)."
    xs = check_nonempty(as_float_array(values[0], "values[0]", ndim=(1,)), "values[0]", hint)
    ys = check_nonempty(as_float_array(values[1], "values[1]", ndim=(1,)), "values[1]", hint)
    if xs.size * ys.size > MAX_GRID_POINTS:
        raise ValueError(
            f"values give a grid of {xs.size:,} × {ys.size:,} = {xs.size * ys.size:,} points, "
            f"more than {MAX_GRID_POINTS:,}; each point runs the model once. Use fewer values "
            f"per axis, e.g. 101."
        )
    return xs, ys


def _entry(entry: Any, name: str) -> tuple[Parameter, Any]:
    """(parameter, index) naming one number of a parameter, checked before anything changes."""
    if not (isinstance(entry, tuple) and len(entry) == 2 and isinstance(entry[0], Parameter)):
        raise TypeError(
            f"{name} must be a pair (parameter, index) naming one number, got {entry!r}. "
            f"Pass e.g. (model.weight, 0) or (model[0].weight, (1, 2))."
        )
    param, index = entry
    try:
        value = param.data[index]
    except (IndexError, TypeError, ValueError):
        value = None
    if value is None or np.ndim(value) != 0:
        raise ValueError(
            f"{name}: index {index!r} must pick one number of a parameter of shape "
            f"{param.shape}. Give one index per axis, e.g. 0 for a vector or (1, 2) for a matrix."
        )
    return param, index
