"""SGD: one step with and without momentum and weight decay equals the step computed by hand;
bad settings."""

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
        (
            {"lr": 0.1, "weight_decay": -0.1},
            r"weight_decay \(the L2 regularisation strength\) "
            r"must be ≥ 0, got -0.1\. Use 0 for none",
        ),
        ({"lr": 0.1, "weight_decay": float("inf")}, "weight_decay must be a finite number"),
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


def test_weight_decay_adds_decay_times_the_weight_to_the_gradient() -> None:
    p = param([1.0, -2.0], [0.5, -4.0])
    SGD([p], lr=0.1, weight_decay=0.1).step()  # d = g + 0.1·p = (0.6, −4.2)
    np.testing.assert_allclose(p.data, [1.0 - 0.06, -2.0 + 0.42], rtol=0, atol=1e-15)
    np.testing.assert_array_equal(p.grad, [0.5, -4.0])  # .grad keeps the loss's gradient


def test_weight_decay_enters_the_momentum_buffer_as_in_torch() -> None:
    p = param([1.0], [2.0])
    opt = SGD([p], lr=0.1, momentum=0.5, weight_decay=0.2)
    opt.step()  # v = d = 2.0 + 0.2·1.0 = 2.2; p = 1.0 − 0.22 = 0.78
    np.testing.assert_allclose(p.data, [0.78], atol=1e-15)
    opt.step()  # d = 2.0 + 0.2·0.78 = 2.156; v = 0.5·2.2 + 2.156 = 3.256; p = 0.78 − 0.3256
    np.testing.assert_allclose(p.data, [0.78 - 0.3256], atol=1e-15)


def test_without_a_gradient_weight_decay_shrinks_weights_geometrically() -> None:
    p = param([3.0, -1.5], [0.0, 0.0])
    opt = SGD([p], lr=0.5, weight_decay=0.2)
    for _ in range(10):
        opt.step()
    np.testing.assert_allclose(p.data, np.array([3.0, -1.5]) * 0.9**10, rtol=1e-14)


def test_weight_decay_is_a_checked_property() -> None:
    p = param([1.0], [1.0])
    opt = SGD([p], lr=0.1)
    assert opt.weight_decay == 0.0 and "weight_decay" not in repr(opt)
    opt.weight_decay = 0.5
    assert opt.weight_decay == 0.5 and "weight_decay=0.5" in repr(opt)
    opt.step()  # d = 1.0 + 0.5·1.0
    np.testing.assert_allclose(p.data, [1.0 - 0.15], atol=1e-15)
    with pytest.raises(TypeError, match="weight_decay must be a single real number, got str"):
        opt.weight_decay = "0.1"  # type: ignore[assignment]
    with pytest.raises(ValueError, match=r"weight_decay .* must be ≥ 0, got -1\.0"):
        opt.weight_decay = -1.0
    assert opt.weight_decay == 0.5  # a refused value leaves the setting as it was
