"""SGD: one step with and without momentum equals the step computed by hand; bad settings."""

from __future__ import annotations

import numpy as np
import pytest

from nnlib.module import Parameter
from nnlib.optim import SGD


def param(data: list[float], grad: list[float]) -> Parameter:
    p = Parameter(data)
    p.grad[...] = grad
    return p


def test_plain_step_moves_against_the_gradient() -> None:
    p = param([1.0, -2.0], [0.5, -4.0])
    SGD([p], lr=0.1).step()
    np.testing.assert_allclose(p.data, [1.0 - 0.05, -2.0 + 0.4], rtol=0, atol=1e-15)


def test_momentum_accumulates_torch_style() -> None:
    p = param([1.0], [2.0])
    opt = SGD([p], lr=0.1, momentum=0.9)
    opt.step()  # v = g = 2.0; p = 1.0 − 0.1·2.0
    np.testing.assert_allclose(p.data, [0.8], atol=1e-15)
    p.grad[...] = [1.0]
    opt.step()  # v = 0.9·2.0 + 1.0 = 2.8; p = 0.8 − 0.28
    np.testing.assert_allclose(p.data, [0.52], atol=1e-15)


def test_a_scalar_parameter_is_updated_in_place() -> None:
    bias = Parameter(0.5)
    bias.grad[...] = 1.0
    SGD([bias], lr=0.25).step()
    assert float(bias.data) == 0.25


def test_zero_grad_clears_every_gradient() -> None:
    a, b = param([1.0], [3.0]), param([2.0, 2.0], [1.0, -1.0])
    SGD([a, b], lr=0.1).zero_grad()
    assert not a.grad.any() and not b.grad.any()


def test_lr_can_be_changed_between_steps() -> None:
    p = param([0.0], [1.0])
    opt = SGD([p], lr=0.1)
    opt.lr = 0.5
    opt.step()
    np.testing.assert_allclose(p.data, [-0.5])


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"lr": 0.0}, r"lr \(the learning rate\) must be positive, got 0.0"),
        ({"lr": -1.0}, "must be positive, got -1.0"),
        ({"lr": 0.1, "momentum": 1.0}, r"momentum must lie in \[0, 1\), got 1.0"),
        ({"lr": float("nan")}, "lr must be a finite number"),
    ],
)
def test_bad_settings_are_refused(kwargs: dict[str, float], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        SGD([param([1.0], [0.0])], **kwargs)


def test_lr_must_be_a_number() -> None:
    with pytest.raises(TypeError, match="lr must be a single real number"):
        SGD([param([1.0], [0.0])], lr="0.1")  # type: ignore[arg-type]


def test_params_must_be_parameters() -> None:
    with pytest.raises(TypeError, match=r"params\[1\] must be an nnlib Parameter, got ndarray"):
        SGD([Parameter([1.0]), np.zeros(2)], lr=0.1)  # type: ignore[list-item]
    with pytest.raises(TypeError, match=r"Pass model\.parameters\(\)"):
        SGD(Parameter([1.0]), lr=0.1)  # type: ignore[arg-type]


def test_empty_params_are_refused() -> None:
    with pytest.raises(ValueError, match="params is empty"):
        SGD([], lr=0.1)
