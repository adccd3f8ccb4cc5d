"""Layers after torch.nn: `Linear` and one module per activation function."""

from __future__ import annotations

from typing import Any

import numpy as np

from nnlib import activations
from nnlib.module import Module, Parameter, check_backward_ready
from nnlib.validation import (
    FloatArray,
    as_float,
    as_float_array,
    check_rng,
    check_size,
    check_weight_count,
)


class SavedPass:
    """What a layer's last forward pass saw and made, kept for its backward pass.

    A plain object rather than attributes of the layer: Module.__setattr__ records Parameters
    and sub-modules, and setting these two on every pass would pay for that check each time.
    """

    __slots__ = ("input", "output")

    def __init__(self) -> None:
        self.input: FloatArray | None = None
        self.output: FloatArray | None = None


class Linear(Module):
    """y = x @ weight.T + bias.  weight: (out_features, in_features), bias: (out_features,).

    Initialised like PyTorch: uniform in ±1/sqrt(in_features), drawn from `rng`.
    """

    def __init__(
        self, in_features: int, out_features: int, *, rng: np.random.Generator | None = None
    ) -> None:
        self.in_features = check_size(in_features, "in_features")
        self.out_features = check_size(out_features, "out_features")
        check_weight_count(self.in_features, self.out_features, "Linear(in_features, out_features)")
        bound = 1.0 / np.sqrt(self.in_features)
        generator = check_rng(rng)
        shape = (self.out_features, self.in_features)
        self.weight = Parameter(generator.uniform(-bound, bound, size=shape), "weight")
        self.bias = Parameter(generator.uniform(-bound, bound, size=self.out_features), "bias")
        self._saved = SavedPass()

    def forward(self, x: Any) -> FloatArray:
        """x: (in_features,) or (n, in_features) → (out_features,) or (n, out_features)."""
        name = lambda: f"input to {self.location()}"  # noqa: E731  built only on error
        return self.forward_unchecked(as_float_array(x, name, copy=False))

    def forward_unchecked(self, inputs: FloatArray) -> FloatArray:
        if inputs.shape[-1] != self.in_features:
            raise ValueError(
                f"{self.location()} expected {self.in_features} input features, shape "
                f"({self.in_features},) or (n, {self.in_features}), got shape {inputs.shape}. "
                f"Give each sample exactly {self.in_features} numbers."
            )
        saved = self._saved
        saved.input = inputs
        saved.output = inputs @ self.weight.data.T + self.bias.data
        return saved.output

    def backward(self, grad_output: Any) -> FloatArray:
        """dLdy: shape of the last output → dLdx; adds dLdW and dLdb into the parameters' .grad."""
        grad = check_backward_ready(self, self._saved.output, grad_output)
        return self.backward_unchecked(grad)

    def backward_unchecked(
        self, dLdy: FloatArray, overwrite: bool = False, input_grad: bool = True
    ) -> FloatArray:
        inputs = self._saved.input
        assert inputs is not None  # set together with the output that backward() checks
        weight_grad, bias_grad = self.weight.grad, self.bias.grad
        if overwrite:  # write straight into .grad: no zeroing pass and no temporary
            if dLdy.ndim == 1:  # one sample: dLdW is an outer product
                np.outer(dLdy, inputs, out=weight_grad)
                np.copyto(bias_grad, dLdy)
            else:
                np.matmul(dLdy.T, inputs, out=weight_grad)
                np.add.reduce(dLdy, axis=0, out=bias_grad)  # dLdy.sum(0) without the wrapper
        elif dLdy.ndim == 1:
            weight_grad += np.outer(dLdy, inputs)
            bias_grad += dLdy
        else:
            weight_grad += dLdy.T @ inputs
            bias_grad += np.add.reduce(dLdy, axis=0)
        if not input_grad:
            return dLdy  # the caller asked for no dLdx and ignores what comes back
        dLdx: FloatArray = dLdy @ self.weight.data
        return dLdx

    def extra_repr(self) -> str:
        return f"in_features={self.in_features}, out_features={self.out_features}, bias=True"


class Activation(Module):
    """An element-wise non-linearity a = f(z); no parameters."""

    name = "identity"

    def __init__(self) -> None:
        self._spec = activations.get_spec(self.name)  # looked up once, not on every pass
        self._saved = SavedPass()

    def _fn(self, z: FloatArray) -> FloatArray:
        return self._spec.fn(z)

    def _grad(self, z: FloatArray) -> FloatArray:
        return self._spec.grad(z)

    def forward(self, x: Any) -> FloatArray:
        name = lambda: f"input to {self.location()}"  # noqa: E731  built only on error
        return self.forward_unchecked(as_float_array(x, name, ndim=(0, 1, 2), copy=False))

    def forward_unchecked(self, z: FloatArray) -> FloatArray:
        self._saved.input = z
        return self._fn(z)

    def backward(self, grad_output: Any) -> FloatArray:
        """dLda → dLdz = dLda · f'(z)."""
        grad = check_backward_ready(self, self._saved.input, grad_output)
        return self.backward_unchecked(grad)

    def backward_unchecked(
        self, dLda: FloatArray, overwrite: bool = False, input_grad: bool = True
    ) -> FloatArray:
        z = self._saved.input
        assert z is not None  # no parameters, so overwrite changes nothing
        return dLda * self._grad(z)


class Sigmoid(Activation):
    name = "sigmoid"


class Tanh(Activation):
    name = "tanh"


class ReLU(Activation):
    name = "relu"

    def forward_unchecked(self, z: FloatArray) -> FloatArray:
        self._saved.input = z
        return np.maximum(z, 0.0)  # activations.relu minus its conversion: z is checked already

    def backward_unchecked(
        self, dLda: FloatArray, overwrite: bool = False, input_grad: bool = True
    ) -> FloatArray:
        z = self._saved.input
        assert z is not None
        # dLda · ReLU'(z) with the 0/1 mask left boolean: the same numbers, one pass fewer
        dLdz: FloatArray = dLda * (z > 0.0)
        return dLdz


class Step(Activation):
    name = "step"


class Identity(Activation):
    name = "identity"


class LeakyReLU(Activation):
    name = "leaky_relu"

    def __init__(self, negative_slope: float = 0.01) -> None:
        super().__init__()
        self.negative_slope = as_float(negative_slope, "negative_slope")

    def _fn(self, z: FloatArray) -> FloatArray:
        return activations.leaky_relu(z, self.negative_slope)

    def _grad(self, z: FloatArray) -> FloatArray:
        return activations.leaky_relu_grad(z, self.negative_slope)

    def extra_repr(self) -> str:
        return f"negative_slope={self.negative_slope}"


ACTIVATION_MODULES: dict[str, type[Activation]] = {
    cls.name: cls for cls in (Sigmoid, Tanh, ReLU, LeakyReLU, Step, Identity)
}


def activation_module(name: str) -> Activation:
    """A fresh activation module by name, e.g. activation_module('relu') → ReLU()."""
    return ACTIVATION_MODULES[activations.get_spec(name).name]()
