"""Linear and the activation modules: shapes, maths, initialisation, backward and reprs."""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest
from gradcheck import check_module_grads
from hypothesis import given, settings
from strategies import layer_sizes, seeds

from nnlib import (
    Identity,
    LeakyReLU,
    Linear,
    ReLU,
    Sigmoid,
    Step,
    Tanh,
    activation_module,
)
from nnlib import activations as A

ACTIVATION_MODULES = [
    (Sigmoid, A.sigmoid),
    (Tanh, A.tanh),
    (ReLU, A.relu),
    (LeakyReLU, A.leaky_relu),
    (Step, A.step),
    (Identity, A.identity),
]


def off_kink(rng: np.random.Generator, shape: tuple[int, ...]) -> np.ndarray:
    """Standard normal values pushed at least 0.05 away from 0, where ReLU and step bend."""
    x = rng.standard_normal(shape)
    return x + 0.05 * np.sign(x)


@given(n_in=layer_sizes(), n_out=layer_sizes())
def test_linear_parameter_shapes(n_in: int, n_out: int) -> None:
    layer = Linear(n_in, n_out, rng=np.random.default_rng(0))
    assert layer.weight.shape == (n_out, n_in)
    assert layer.bias.shape == (n_out,)
    assert [name for name, _ in layer.named_parameters()] == ["weight", "bias"]
    assert layer.parameters() == [layer.weight, layer.bias]
    assert layer.num_parameters() == n_out * n_in + n_out
    assert layer.weight.data.dtype == np.float64 and layer.bias.data.dtype == np.float64


def test_linear_computes_x_times_w_transposed_plus_b() -> None:
    layer = Linear(3, 2, rng=np.random.default_rng(1))
    W, b = layer.weight.data, layer.bias.data
    x = [[1.0, -2.0, 0.5], [0.0, 3.0, -1.0]]
    expected = [[sum(W[j, k] * row[k] for k in range(3)) + b[j] for j in range(2)] for row in x]
    np.testing.assert_allclose(layer(x), expected, rtol=1e-14)


@given(n_in=layer_sizes(), n_out=layer_sizes(), batch=layer_sizes(), seed=seeds())
def test_linear_one_sample_and_batch_agree(n_in: int, n_out: int, batch: int, seed: int) -> None:
    rng = np.random.default_rng(seed)
    layer = Linear(n_in, n_out, rng=rng)
    X = rng.standard_normal((batch, n_in))
    Y = layer(X)
    assert Y.shape == (batch, n_out) and Y.dtype == np.float64
    y0 = layer(X[0])
    assert y0.shape == (n_out,)
    np.testing.assert_allclose(y0, Y[0], rtol=1e-13, atol=1e-15)


def test_linear_accepts_lists_tuples_and_ints_and_returns_float64() -> None:
    layer = Linear(2, 3, rng=np.random.default_rng(2))
    reference = layer(np.array([1.0, 2.0]))
    for x in ([1, 2], (1.0, 2.0), np.array([1, 2], dtype=np.int32), np.float32([1, 2])):
        out = layer(x)
        assert out.dtype == np.float64
        np.testing.assert_array_equal(out, reference)


def test_linear_init_lies_within_pytorch_bound() -> None:
    n_in = 16
    layer = Linear(n_in, 300, rng=np.random.default_rng(3))
    bound = 1.0 / np.sqrt(n_in)
    for p in (layer.weight.data, layer.bias.data):
        assert np.all(np.abs(p) <= bound)
    # 4800 uniform draws fill the interval: the extremes come close to ±bound.
    assert layer.weight.data.max() > 0.95 * bound and layer.weight.data.min() < -0.95 * bound
    assert abs(layer.weight.data.mean()) < 0.05 * bound


def test_linear_init_is_deterministic_for_a_seed_and_ignores_global_seed() -> None:
    np.random.seed(123)
    a = Linear(3, 4, rng=np.random.default_rng(7))
    np.random.seed(456)
    b = Linear(3, 4, rng=np.random.default_rng(7))
    c = Linear(3, 4, rng=np.random.default_rng(8))
    np.testing.assert_array_equal(a.weight.data, b.weight.data)
    np.testing.assert_array_equal(a.bias.data, b.bias.data)
    assert not np.array_equal(a.weight.data, c.weight.data)


def test_linear_draws_from_the_generator_it_is_given() -> None:
    rng = np.random.default_rng(9)
    first, second = Linear(3, 4, rng=rng), Linear(3, 4, rng=rng)
    assert not np.array_equal(first.weight.data, second.weight.data)
    assert not np.array_equal(Linear(3, 4).weight.data, Linear(3, 4).weight.data)


@settings(max_examples=30)
@given(n_in=layer_sizes(), n_out=layer_sizes(), batch=layer_sizes(), seed=seeds())
def test_linear_backward_matches_central_differences(
    n_in: int, n_out: int, batch: int, seed: int
) -> None:
    rng = np.random.default_rng(seed)
    layer = Linear(n_in, n_out, rng=rng)
    check_module_grads(layer, rng.standard_normal((batch, n_in)), rng)
    check_module_grads(layer, rng.standard_normal(n_in), rng)


def test_linear_backward_returns_input_shaped_gradient() -> None:
    rng = np.random.default_rng(4)
    layer = Linear(3, 2, rng=rng)
    layer(rng.standard_normal((5, 3)))
    assert layer.backward(np.ones((5, 2))).shape == (5, 3)
    layer(rng.standard_normal(3))
    assert layer.backward(np.ones(2)).shape == (3,)


class BrokenLinear(Linear):
    """Negative control: forgets the bias gradient."""

    def backward(self, grad_output: Any) -> np.ndarray:
        saved = self.bias.grad.copy()
        dLdx = super().backward(grad_output)
        self.bias.grad[...] = saved
        return dLdx


class WrongInputGradLinear(Linear):
    """Negative control: returns dL/dx scaled by 2."""

    def backward(self, grad_output: Any) -> np.ndarray:
        return 2.0 * super().backward(grad_output)


@pytest.mark.parametrize("cls", [BrokenLinear, WrongInputGradLinear])
def test_negative_control_a_broken_backward_fails_the_module_check(cls: type[Linear]) -> None:
    rng = np.random.default_rng(5)
    with pytest.raises(AssertionError, match="analytic"):
        check_module_grads(cls(3, 2, rng=rng), rng.standard_normal((4, 3)), rng)


@pytest.mark.parametrize(("cls", "fn"), ACTIVATION_MODULES)
def test_activation_module_forward_is_its_function(cls: type, fn: Any) -> None:
    z = np.random.default_rng(6).standard_normal((4, 3)) * 3
    np.testing.assert_array_equal(cls()(z), fn(z))
    assert cls().num_parameters() == 0 and cls().parameters() == []


@pytest.mark.parametrize(("cls", "fn"), ACTIVATION_MODULES)
@pytest.mark.parametrize("shape", [(5,), (4, 3)])
def test_activation_module_backward(cls: type, fn: Any, shape: tuple[int, ...]) -> None:
    rng = np.random.default_rng(7)
    check_module_grads(cls(), off_kink(rng, shape), rng)


def test_leaky_relu_negative_slope() -> None:
    np.testing.assert_allclose(LeakyReLU()([-2.0, 3.0]), [-0.02, 3.0], rtol=1e-15)
    np.testing.assert_allclose(LeakyReLU(0.2)([-2.0, 3.0]), [-0.4, 3.0], rtol=1e-15)
    assert LeakyReLU(negative_slope=0.3).negative_slope == 0.3
    rng = np.random.default_rng(8)
    check_module_grads(LeakyReLU(0.2), off_kink(rng, (3, 4)), rng)


@pytest.mark.parametrize(("cls", "_fn"), ACTIVATION_MODULES)
def test_activation_module_by_name(cls: type, _fn: Any) -> None:
    module = activation_module(cls.name)
    assert type(module) is cls


def test_activation_module_unknown_name() -> None:
    with pytest.raises(ValueError, match="Valid names"):
        activation_module("sigmod")


@pytest.mark.parametrize(
    ("module", "text"),
    [
        (
            Linear(3, 4, rng=np.random.default_rng(0)),
            "Linear(in_features=3, out_features=4, bias=True)",
        ),
        (Sigmoid(), "Sigmoid()"),
        (Tanh(), "Tanh()"),
        (ReLU(), "ReLU()"),
        (Step(), "Step()"),
        (Identity(), "Identity()"),
        (LeakyReLU(), "LeakyReLU(negative_slope=0.01)"),
        (LeakyReLU(0.2), "LeakyReLU(negative_slope=0.2)"),
    ],
)
def test_reprs_read_like_torch(module: Any, text: str) -> None:
    assert repr(module) == text
