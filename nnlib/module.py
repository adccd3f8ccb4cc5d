"""`Parameter` and the `Module` base class, after torch.nn.Module."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import numpy as np

from nnlib.validation import FloatArray, as_float_array


class Parameter:
    """A trainable array: `.data` holds the values, `.grad` accumulates dLoss/d(data)."""

    def __init__(self, data: Any, name: str = "parameter") -> None:
        self.data: FloatArray = as_float_array(data, name, ndim=(0, 1, 2)).copy()
        self.grad: FloatArray = np.zeros_like(self.data)

    @property
    def shape(self) -> tuple[int, ...]:
        return self.data.shape

    @property
    def size(self) -> int:
        return int(self.data.size)

    def __repr__(self) -> str:
        return f"Parameter(shape={self.shape}, data={np.array2string(self.data, precision=4)})"


class Module:
    """Base class: subclasses define `forward`, `backward` and `named_parameters`.

    `label` names the module in error messages; `Sequential` sets it to "layer i".
    """

    label: str = ""

    def forward(self, x: Any) -> FloatArray:
        raise NotImplementedError

    def backward(self, grad_output: Any) -> FloatArray:
        raise NotImplementedError

    def __call__(self, x: Any) -> FloatArray:
        return self.forward(x)

    # Unchecked versions for values that are already validated float64 arrays. Sequential checks
    # its input and gradient once and then calls these between layers, so that checks run once
    # per pass rather than once per layer. Modules without a fast path fall back to the checked one.
    def _forward(self, x: FloatArray) -> FloatArray:
        return self.forward(x)

    # overwrite=True stores this pass's gradients in .grad instead of adding to them, which is
    # zero_grad() and backward() in one go; input_grad=False lets the first layer skip dLoss/dx,
    # which training never uses. `fit` passes both (see nnlib.train); backward() passes neither.
    def _backward(
        self, grad: FloatArray, overwrite: bool = False, input_grad: bool = True
    ) -> FloatArray:
        if overwrite:
            self.zero_grad()
        return self.backward(grad)

    def named_parameters(self) -> Iterator[tuple[str, Parameter]]:
        return iter(())

    def parameters(self) -> list[Parameter]:
        return [p for _, p in self.named_parameters()]

    def zero_grad(self) -> None:
        for p in self.parameters():
            p.grad.fill(0.0)

    def num_parameters(self) -> int:
        """How many numbers training can change: the weights plus the biases."""
        return sum(p.size for p in self.parameters())

    def extra_repr(self) -> str:
        return ""

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.extra_repr()})"

    def _where(self) -> str:
        """How error messages name this module, e.g. "layer 0 (Linear(in_features=3, ...))"."""
        return f"{self.label} ({self!r})" if self.label else repr(self)


def check_backward_ready(module: Module, cached: FloatArray | None, grad_output: Any) -> FloatArray:
    """Validate a gradient arriving in `backward` against the output of the last `forward`."""
    if cached is None:
        raise ValueError(
            f"{module._where()}: backward() was called before forward(). "
            f"Run a forward pass first (out = model(x)), then call backward."
        )
    grad = as_float_array(grad_output, "grad_output", ndim=(0, 1, 2), copy=False)
    if grad.shape != cached.shape:
        raise ValueError(
            f"{module._where()}: grad_output must have the shape of the last output, "
            f"{cached.shape}, got {grad.shape}. Pass dLoss/d(output) for the same batch."
        )
    return grad
