"""The one central-difference gradient check that every test file uses.

Import it as `from gradcheck import ...` (pytest puts `tests/` on sys.path).

- `numerical_grad(f, x)`: dF/dx of a scalar function by central differences, (f(x+ε) − f(x−ε)) / 2ε.
- `assert_grad_close(analytic, f, x)`: raise AssertionError if `analytic` differs from it.
- `derivative_check(fn, grad, z)`: an element-wise derivative against differences of `fn`.
- `check_module_grads(module, x, rng)`: a module's backward (input grad and every parameter's
  .grad) against central differences on the scalar loss L = sum(out * R), R random.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np
from numpy.typing import ArrayLike, NDArray

FloatArray = NDArray[np.float64]
EPS = 1e-6
RTOL = 1e-6
ATOL = 1e-8


def numerical_grad(f: Callable[[FloatArray], Any], x: ArrayLike, eps: float = EPS) -> FloatArray:
    """dF/dx_i ≈ (F(x + ε e_i) − F(x − ε e_i)) / 2ε for a scalar F; x is not modified."""
    point = np.array(x, dtype=np.float64)
    grad = np.zeros_like(point)
    for i in np.ndindex(point.shape):
        saved = point[i]
        point[i] = saved + eps
        up = float(f(point.copy()))
        point[i] = saved - eps
        down = float(f(point.copy()))
        point[i] = saved
        grad[i] = (up - down) / (2.0 * eps)
    return grad


def assert_close(
    analytic: ArrayLike, numeric: ArrayLike, what: str, rtol: float = RTOL, atol: float = ATOL
) -> None:
    """Raise AssertionError naming `what` and the worst entry if the two gradients differ."""
    a, n = np.asarray(analytic, dtype=np.float64), np.asarray(numeric, dtype=np.float64)
    assert a.shape == n.shape, f"{what}: analytic shape {a.shape} != numerical shape {n.shape}"
    err = np.abs(a - n) - (atol + rtol * np.abs(n))
    if err.size and err.max() > 0:
        worst = np.unravel_index(int(np.argmax(err)), err.shape)
        raise AssertionError(
            f"{what}: analytic {a[worst]!r} != numerical {n[worst]!r} at index {worst}"
        )


def assert_grad_close(
    analytic: ArrayLike,
    f: Callable[[FloatArray], Any],
    x: ArrayLike,
    *,
    eps: float = EPS,
    rtol: float = RTOL,
    atol: float = ATOL,
    what: str = "gradient",
) -> None:
    """Assert that `analytic` equals the central-difference gradient of scalar `f` at `x`."""
    assert_close(analytic, numerical_grad(f, x, eps), what, rtol, atol)


def derivative_check(
    fn: Callable[[FloatArray], FloatArray],
    grad: Callable[[FloatArray], FloatArray],
    z: ArrayLike,
    *,
    eps: float = EPS,
    rtol: float = RTOL,
    atol: float = ATOL,
) -> None:
    """Element-wise f'(z) against (f(z + h) − f(z − h)) / 2h with h = ε·max(1, |z|).

    Each entry is differenced on its own, so rounding error does not grow with the array's size.
    """
    point = np.asarray(z, dtype=np.float64)
    h = eps * np.maximum(1.0, np.abs(point))
    numeric = (fn(point + h) - fn(point - h)) / (2.0 * h)
    assert_close(grad(point), numeric, "f'(z)", rtol, atol)


def check_module_grads(
    module: Any,
    x: ArrayLike,
    rng: np.random.Generator,
    *,
    eps: float = EPS,
    rtol: float = RTOL,
    atol: float = ATOL,
) -> FloatArray:
    """Check module.backward on L = sum(module(x) * R): dL/dx and every parameter's .grad.

    Works for any nnlib Module (forward, backward, named_parameters, zero_grad). Returns R.
    """
    inputs = np.array(x, dtype=np.float64)
    out = np.asarray(module(inputs), dtype=np.float64)
    weights = np.asarray(rng.standard_normal(out.shape), dtype=np.float64)

    def loss_of_input(v: FloatArray) -> float:
        return float(np.sum(np.asarray(module(v)) * weights))

    module.zero_grad()
    module(inputs)
    dLdx = np.asarray(module.backward(weights.copy()))
    grads = {name: p.grad.copy() for name, p in module.named_parameters()}
    kw = {"eps": eps, "rtol": rtol, "atol": atol}
    assert_grad_close(dLdx, loss_of_input, inputs, what="dL/d(input)", **kw)
    for name, param in module.named_parameters():

        def loss_of_param(v: FloatArray, param: Any = param) -> float:
            saved = param.data.copy()
            param.data[...] = v
            try:
                return loss_of_input(inputs)
            finally:
                param.data[...] = saved

        assert_grad_close(grads[name], loss_of_param, param.data, what=f"dL/d({name})", **kw)
    return weights
