"""Loss functions after torch.nn: a number that says how wrong the outputs are, and its gradient.

Calling a loss returns a float; `.backward()` then returns dL/d(output) for that same call, ready
to pass to `model.backward`. Both use torch's default reduction, the mean over every element.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from nnlib.validation import FloatArray, as_float_array

# torch clamps each log term of the binary cross-entropy at −100 and the gradient's denominator
# p(1 − p) at 1e-12, so an output of exactly 0 or 1 gives a large but finite loss and gradient.
# torch stores that 1e-12 as a float32 constant; we use the same number so gradients agree.
BCE_LOG_FLOOR = -100.0
BCE_GRAD_EPS = float(np.float32(1e-12))


class Loss:
    """Base class: subclasses define `_value` and `_grad` on checked arrays of one shape."""

    def __init__(self) -> None:
        self._last: tuple[FloatArray, FloatArray] | None = None

    def __call__(self, output: Any, target: Any) -> float:
        out, tgt = self._check(output, target)
        self._last = (out, tgt)
        return self._value(out, tgt)

    def backward(self) -> FloatArray:
        """dL/d(output) for the last call, with the output's shape."""
        if self._last is None:
            raise ValueError(
                f"{type(self).__name__}.backward() was called before any loss was computed. "
                f"Compute the loss first (loss = loss_fn(out, y)), then call loss_fn.backward()."
            )
        return self._grad(*self._last)

    def value_and_grad(self, output: Any, target: Any) -> tuple[float, FloatArray]:
        """The loss and dL/d(output) in one call: loss(output, target) then loss.backward().

        One pass computes both (MSE shares output − target between them), with the same checks
        as calling the loss; for float64 arrays those copy nothing. `fit` calls it every step.
        """
        out, tgt = self._check(output, target)
        self._last = (out, tgt)
        return self._value_and_grad(out, tgt)

    def value_and_grad_unchecked(
        self, out: FloatArray, tgt: FloatArray
    ) -> tuple[float, FloatArray]:
        """value_and_grad for arrays that passed its checks before, such as fit's later batches.

        out and tgt must be finite, non-empty float64 arrays of one shape, and tgt must have
        passed check_target; anything else gives an undefined result. Only what training can
        change between steps is still checked: BCELoss's outputs must lie in [0, 1].
        """
        self._last = (out, tgt)
        return self._value_and_grad(out, tgt)

    def check_target(self, target: Any) -> FloatArray:
        """target as a float64 array this loss can use; `fit` checks all labels with it at once."""
        return as_float_array(target, f"{type(self).__name__} target", ndim=(0, 1, 2), copy=False)

    def _check(self, output: Any, target: Any) -> tuple[FloatArray, FloatArray]:
        name = type(self).__name__
        out = as_float_array(output, f"{name} output", ndim=(0, 1, 2), copy=False)
        tgt = self.check_target(target)
        if out.shape != tgt.shape:
            raise ValueError(
                f"{name}: output and target must have the same shape, got output {out.shape} "
                f"and target {tgt.shape}. Labels from nnlib.data have shape (n, 1) like a "
                f"network's output; for a 1-D output use y.ravel(), or reshape with "
                f"y.reshape(out.shape)."
            )
        if out.size == 0:
            raise ValueError(
                f"{name} output and target are empty (shape {out.shape}): a mean over no "
                f"samples is undefined. Pass at least one sample."
            )
        return out, tgt

    def _value(self, out: FloatArray, tgt: FloatArray) -> float:
        raise NotImplementedError

    def _grad(self, out: FloatArray, tgt: FloatArray) -> FloatArray:
        raise NotImplementedError

    def _value_and_grad(self, out: FloatArray, tgt: FloatArray) -> tuple[float, FloatArray]:
        return self._value(out, tgt), self._grad(out, tgt)

    def __repr__(self) -> str:
        return f"{type(self).__name__}()"


class MSELoss(Loss):
    """L = mean((out − y)²) over all N elements;  dL/d(out) = 2(out − y) / N."""

    def _value(self, out: FloatArray, tgt: FloatArray) -> float:
        return _mean_square(out - tgt)

    def _grad(self, out: FloatArray, tgt: FloatArray) -> FloatArray:
        grad: FloatArray = (out - tgt) * (2.0 / out.size)
        return grad

    def _value_and_grad(self, out: FloatArray, tgt: FloatArray) -> tuple[float, FloatArray]:
        diff = out - tgt  # shared by the value and the gradient
        grad: FloatArray = diff * (2.0 / diff.size)
        return _mean_square(diff), grad


def _mean_square(diff: FloatArray) -> float:
    flat = diff.ravel()
    return float(flat @ flat) / flat.size  # one BLAS call; np.mean costs more here


class BCELoss(Loss):
    """L = −mean(y·log p + (1 − y)·log(1 − p));  dL/dp = (p − y) / (p(1 − p)) / N.

    p are probabilities in [0, 1] (put a Sigmoid() last) and y targets in [0, 1]. Each log is
    clamped at BCE_LOG_FLOOR = −100 and p(1 − p) at BCE_GRAD_EPS ≈ 1e-12, exactly as torch does,
    so p = 0 or p = 1 never gives inf or NaN.
    """

    def _check(self, output: Any, target: Any) -> tuple[FloatArray, FloatArray]:
        out, tgt = super()._check(output, target)
        _check_probabilities(out, "output", _OUTPUT_FIX)
        return out, tgt

    def value_and_grad_unchecked(
        self, out: FloatArray, tgt: FloatArray
    ) -> tuple[float, FloatArray]:
        _check_probabilities(out, "output", _OUTPUT_FIX)  # training moves the outputs
        return super().value_and_grad_unchecked(out, tgt)

    def check_target(self, target: Any) -> FloatArray:
        tgt = super().check_target(target)
        _check_probabilities(tgt, "target", "Use labels 0 and 1 (or probabilities between them).")
        return tgt

    def _value(self, out: FloatArray, tgt: FloatArray) -> float:
        with np.errstate(divide="ignore"):  # log(0) = −inf is clamped on the next line
            log_p = np.maximum(np.log(out), BCE_LOG_FLOOR)
            log_not_p = np.maximum(np.log1p(-out), BCE_LOG_FLOOR)
        return float(-np.mean(tgt * log_p + (1.0 - tgt) * log_not_p))

    def _grad(self, out: FloatArray, tgt: FloatArray) -> FloatArray:
        denominator = np.maximum(out * (1.0 - out), BCE_GRAD_EPS)
        grad: FloatArray = (out - tgt) / denominator / out.size
        return grad


_OUTPUT_FIX = "End the network with Sigmoid() so its outputs are probabilities."


def _check_probabilities(values: FloatArray, what: str, fix: str) -> None:
    outside = (values < 0.0) | (values > 1.0)
    if outside.any():
        where = tuple(int(i) for i in np.argwhere(outside)[0])
        raise ValueError(
            f"BCELoss {what} must lie in [0, 1], got {values[where]} at index {where}. {fix}"
        )
