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
    """p ← p − lr·v with v ← μ·v + d (v = d on the first step), torch.optim.SGD's formula.

    d = ∇p + λ·p is the gradient plus L2 weight decay of strength λ = weight_decay: the gradient
    of loss + (λ/2)·Σp², which pulls every weight towards 0 a little on each step. .grad itself
    keeps the loss's gradient, as in torch. With momentum μ = 0 and λ = 0 this is plain gradient
    descent, p ← p − lr·∇p.
    """

    def __init__(
        self,
        params: Iterable[Parameter],
        lr: float,
        momentum: float = 0.0,
        weight_decay: float = 0.0,
    ) -> None:
        self.params = _check_params(params)
        self.lr = lr
        self.momentum = momentum
        self.weight_decay = weight_decay
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

    @property
    def weight_decay(self) -> float:
        return self._weight_decay

    @weight_decay.setter
    def weight_decay(self, value: float) -> None:
        decay = as_float(value, "weight_decay")
        if decay < 0.0:
            raise ValueError(
                f"weight_decay (the L2 regularisation strength) must be ≥ 0, got {decay}. Use 0 "
                f"for none, or a small value such as 1e-3 to pull the weights towards 0."
            )
        self._weight_decay = decay

    def zero_grad(self) -> None:
        """Set every .grad to zero: backward adds into .grad, so clear it before each step."""
        for p in self.params:
            p.grad.fill(0.0)

    def step(self) -> None:
        """Move every parameter against its gradient plus weight decay (in place)."""
        lr, decay = self._lr, self._weight_decay
        if self._momentum == 0.0:
            if decay == 0.0:  # plain SGD, fit's usual case: no work beyond the step itself
                for p in self.params:
                    p.data -= lr * p.grad
            else:
                for p in self.params:
                    p.data -= lr * (p.grad + decay * p.data)
            return
        for index, p in enumerate(self.params):
            direction = p.grad if decay == 0.0 else p.grad + decay * p.data
            velocity = self._velocity[index]
            if velocity is None:
                velocity = self._velocity[index] = direction.copy()
            else:
                velocity *= self._momentum
                velocity += direction
            p.data -= lr * velocity

    def __repr__(self) -> str:
        decay = f", weight_decay={self._weight_decay}" if self._weight_decay else ""
        return f"SGD(lr={self._lr}, momentum={self._momentum}{decay}, params={len(self.params)})"


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
