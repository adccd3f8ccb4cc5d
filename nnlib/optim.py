"""Optimizers after torch.optim: `SGD`, and the `Optimizer` protocol that `fit` accepts."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, Protocol

from nnlib.module import Parameter
from nnlib.validation import FloatArray, as_float


class Optimizer(Protocol):
    """What `fit` needs of an optimizer: a learning rate, zero_grad() and step(), as in torch."""

    lr: float

    def zero_grad(self) -> None: ...

    def step(self) -> None: ...


class SGD:
    """p ← p − lr·v with v ← μ·v + ∇p (v = ∇p on the first step), torch's momentum formula.

    With momentum μ = 0 this is plain gradient descent, p ← p − lr·∇p.
    """

    def __init__(self, params: Iterable[Parameter], lr: float, momentum: float = 0.0) -> None:
        self.params = _check_params(params)
        self.lr = lr
        self.momentum = momentum
        self._velocity: list[FloatArray | None] = [None] * len(self.params)

    @property
    def lr(self) -> float:
        return self._lr

    @lr.setter
    def lr(self, value: float) -> None:
        lr = as_float(value, "lr")
        if lr <= 0.0:
            raise ValueError(
                f"lr (the learning rate) must be positive, got {lr}. Typical values lie "
                f"between 0.001 and 1; start with 0.1."
            )
        self._lr = lr

    @property
    def momentum(self) -> float:
        return self._momentum

    @momentum.setter
    def momentum(self, value: float) -> None:
        momentum = as_float(value, "momentum")
        if not 0.0 <= momentum < 1.0:
            raise ValueError(
                f"momentum must lie in [0, 1), got {momentum}. Use 0 for plain gradient descent "
                f"or 0.9, the usual choice."
            )
        self._momentum = momentum

    def zero_grad(self) -> None:
        """Set every .grad to zero: backward adds into .grad, so clear it before each step."""
        for p in self.params:
            p.grad.fill(0.0)

    def step(self) -> None:
        """Move every parameter against its gradient (in place)."""
        lr = self._lr
        if self._momentum == 0.0:
            for p in self.params:
                p.data -= lr * p.grad
            return
        for index, p in enumerate(self.params):
            velocity = self._velocity[index]
            if velocity is None:
                velocity = self._velocity[index] = p.grad.copy()
            else:
                velocity *= self._momentum
                velocity += p.grad
            p.data -= lr * velocity

    def __repr__(self) -> str:
        return f"SGD(lr={self._lr}, momentum={self._momentum}, params={len(self.params)})"


def _check_params(params: Any) -> list[Parameter]:
    if isinstance(params, Parameter) or not isinstance(params, Iterable):
        raise TypeError(
            f"params must be a list of Parameters, got {type(params).__name__}. "
            f"Pass model.parameters()."
        )
    result = list(params)
    for index, p in enumerate(result):
        if not isinstance(p, Parameter):
            raise TypeError(
                f"params[{index}] must be an nnlib Parameter, got {type(p).__name__}. "
                f"Pass model.parameters()."
            )
    if not result:
        raise ValueError(
            "params is empty: there is nothing to train. Pass model.parameters() of a model "
            "with at least one Linear layer or Neuron."
        )
    return result
