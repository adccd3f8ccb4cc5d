"""Activation functions and their derivatives, as vectorised numpy functions.

Each function maps a pre-activation z (any shape) to an activation of the same shape, in float64.
The derivative of `f` is `f_grad`, also taken with respect to z.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike

from nnlib.validation import FloatArray, as_float, as_numeric_array

ActivationFn = Callable[[ArrayLike], FloatArray]


def _z(z: ArrayLike) -> FloatArray:
    return as_numeric_array(z, "z")


def sigmoid(z: ArrayLike) -> FloatArray:
    """σ(z) = 1 / (1 + e^(−z)), evaluated so that e^x never overflows."""
    z = _z(z)
    # e^(−|z|) lies in (0, 1], so neither branch can overflow, and σ(±1000) is exactly 1 or 0.
    e = np.exp(-np.abs(z))
    return np.where(z >= 0, 1.0 / (1.0 + e), e / (1.0 + e))


def sigmoid_grad(z: ArrayLike) -> FloatArray:
    """σ'(z) = σ(z)(1 − σ(z))."""
    s = sigmoid(z)
    return s * (1.0 - s)


def tanh(z: ArrayLike) -> FloatArray:
    """tanh(z) = (e^z − e^(−z)) / (e^z + e^(−z))."""
    return np.tanh(_z(z))


def tanh_grad(z: ArrayLike) -> FloatArray:
    """tanh'(z) = 1 − tanh(z)²."""
    return 1.0 - np.tanh(_z(z)) ** 2


def relu(z: ArrayLike) -> FloatArray:
    """ReLU(z) = max(0, z)."""
    return np.maximum(_z(z), 0.0)


def relu_grad(z: ArrayLike) -> FloatArray:
    """ReLU'(z) = 1 for z > 0, else 0 (0 at z = 0, as in PyTorch)."""
    return np.greater(_z(z), 0.0).astype(np.float64)


def leaky_relu(z: ArrayLike, negative_slope: float = 0.01) -> FloatArray:
    """LeakyReLU(z) = z for z ≥ 0, else negative_slope · z."""
    z, slope = _z(z), as_float(negative_slope, "negative_slope")
    return np.where(z >= 0, z, slope * z)


def leaky_relu_grad(z: ArrayLike, negative_slope: float = 0.01) -> FloatArray:
    """LeakyReLU'(z) = 1 for z > 0, else negative_slope (as in PyTorch at z = 0)."""
    slopes: FloatArray = np.where(_z(z) > 0, 1.0, as_float(negative_slope, "negative_slope"))
    return slopes


def step(z: ArrayLike) -> FloatArray:
    """Heaviside step: 1 for z ≥ 0, else 0 (the perceptron's all-or-nothing firing)."""
    return (_z(z) >= 0).astype(np.float64)


def step_grad(z: ArrayLike) -> FloatArray:
    """step'(z) = 0 wherever it is defined, which is why gradient descent cannot train it."""
    return np.zeros_like(_z(z))


def identity(z: ArrayLike) -> FloatArray:
    """identity(z) = z: no non-linearity at all."""
    return np.array(_z(z), dtype=np.float64)


def identity_grad(z: ArrayLike) -> FloatArray:
    """identity'(z) = 1."""
    return np.ones_like(_z(z))


@dataclass(frozen=True)
class ActivationSpec:
    """An activation with its derivative and how the lessons write it."""

    name: str
    fn: ActivationFn
    grad: ActivationFn
    symbol: str  # plain text, as in σ(−0.4)
    latex: str  # as in \sigma(-0.4)


ACTIVATIONS: dict[str, ActivationSpec] = {
    spec.name: spec
    for spec in (
        ActivationSpec("sigmoid", sigmoid, sigmoid_grad, "σ", r"\sigma"),
        ActivationSpec("tanh", tanh, tanh_grad, "tanh", r"\tanh"),
        ActivationSpec("relu", relu, relu_grad, "ReLU", r"\mathrm{ReLU}"),
        ActivationSpec("leaky_relu", leaky_relu, leaky_relu_grad, "LeakyReLU", r"\mathrm{LReLU}"),
        ActivationSpec("step", step, step_grad, "step", r"\mathrm{step}"),
        ActivationSpec("identity", identity, identity_grad, "id", r"\mathrm{id}"),
    )
}


def get_spec(name: object) -> ActivationSpec:
    """Look up an activation by name, with an error that lists the valid names."""
    if not isinstance(name, str):
        raise TypeError(
            f"activation must be a name given as a string, got {type(name).__name__} {name!r}. "
            f"Valid names: {', '.join(ACTIVATIONS)}."
        )
    key = name.strip().lower().replace("-", "_").replace(" ", "_")
    if key not in ACTIVATIONS:
        raise ValueError(
            f"Unknown activation {name!r}. Valid names: {', '.join(ACTIVATIONS)}. "
            f"Pick one of these, for example 'sigmoid'."
        )
    return ACTIVATIONS[key]


def get_activation(name: str) -> ActivationFn:
    """The activation function called `name`, e.g. get_activation('relu')."""
    return get_spec(name).fn


def get_activation_grad(name: str) -> ActivationFn:
    """The derivative of the activation called `name`."""
    return get_spec(name).grad
