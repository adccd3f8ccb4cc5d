"""Properties of every activation, and each derivative against central differences."""

from __future__ import annotations

import numpy as np
import pytest
from gradcheck import assert_grad_close, derivative_check, numerical_grad
from hypothesis import given
from hypothesis import strategies as st
from strategies import away_from_zero, finite_floats, float_arrays

from nnlib import activations as A

NAMES = ["sigmoid", "tanh", "relu", "leaky_relu", "step", "identity"]
FUNCTIONS = {
    "sigmoid": (A.sigmoid, A.sigmoid_grad),
    "tanh": (A.tanh, A.tanh_grad),
    "relu": (A.relu, A.relu_grad),
    "leaky_relu": (A.leaky_relu, A.leaky_relu_grad),
    "step": (A.step, A.step_grad),
    "identity": (A.identity, A.identity_grad),
}
# Where central differences are valid: smooth functions anywhere moderate, kinked ones off 0.
SMOOTH = float_arrays(finite_floats(-30.0, 30.0))
OFF_KINK = float_arrays(away_from_zero())
GRAD_DOMAIN = {
    "sigmoid": SMOOTH,
    "tanh": SMOOTH,
    "relu": OFF_KINK,
    "leaky_relu": OFF_KINK,
    "step": OFF_KINK,
    "identity": float_arrays(finite_floats(-1e3, 1e3)),
}


def test_registry_holds_exactly_the_six_activations() -> None:
    assert sorted(A.ACTIVATIONS) == sorted(NAMES)


@pytest.mark.parametrize("name", NAMES)
@given(z=float_arrays())
def test_shape_and_dtype_are_preserved(name: str, z: np.ndarray) -> None:
    fn, grad = FUNCTIONS[name]
    for out in (fn(z), grad(z)):
        assert out.shape == z.shape
        assert out.dtype == np.float64
        assert np.all(np.isfinite(out))


@pytest.mark.parametrize("name", NAMES)
def test_lists_and_ints_are_accepted(name: str) -> None:
    fn, _ = FUNCTIONS[name]
    np.testing.assert_array_equal(fn([-2, 0, 3]), fn(np.array([-2.0, 0.0, 3.0])))
    assert fn([-2, 0, 3]).dtype == np.float64


@given(z=float_arrays())
def test_sigmoid_range(z: np.ndarray) -> None:
    s = A.sigmoid(z)
    assert np.all((s >= 0.0) & (s <= 1.0))


@given(z=float_arrays(finite_floats(-30.0, 30.0)))
def test_sigmoid_is_strictly_inside_0_1_for_moderate_z(z: np.ndarray) -> None:
    s = A.sigmoid(z)
    assert np.all((s > 0.0) & (s < 1.0))


@given(z=float_arrays())
def test_tanh_range(z: np.ndarray) -> None:
    t = A.tanh(z)
    assert np.all((t >= -1.0) & (t <= 1.0))


@given(z=float_arrays())
def test_relu_is_max_of_zero_and_z(z: np.ndarray) -> None:
    r = A.relu(z)
    assert np.all(r >= 0.0)
    np.testing.assert_array_equal(r[z > 0], z[z > 0])
    assert np.all(r[z <= 0] == 0.0)


@given(z=float_arrays(), slope=finite_floats(0.0, 1.0))
def test_leaky_relu_keeps_positives_and_scales_negatives(z: np.ndarray, slope: float) -> None:
    out = A.leaky_relu(z, slope)
    np.testing.assert_array_equal(out[z >= 0], z[z >= 0])
    np.testing.assert_array_equal(out[z < 0], slope * z[z < 0])


@given(z=float_arrays())
def test_step_is_zero_or_one(z: np.ndarray) -> None:
    s = A.step(z)
    np.testing.assert_array_equal(s, np.where(z >= 0, 1.0, 0.0))


@given(z=float_arrays())
def test_identity_returns_a_copy_of_z(z: np.ndarray) -> None:
    out = A.identity(z)
    np.testing.assert_array_equal(out, z)
    out += 1.0
    assert not np.shares_memory(out, z)


@pytest.mark.parametrize("name", NAMES)
@given(a=finite_floats(), b=finite_floats())
def test_monotone_non_decreasing(name: str, a: float, b: float) -> None:
    fn, _ = FUNCTIONS[name]
    lo, hi = min(a, b), max(a, b)
    assert fn(lo) <= fn(hi)


def test_sigmoid_and_tanh_are_strictly_increasing() -> None:
    z = np.linspace(-15.0, 15.0, 3001)
    assert np.all(np.diff(A.sigmoid(z)) > 0)
    assert np.all(np.diff(A.tanh(z)) > 0)


@given(z=float_arrays())
def test_sigmoid_symmetry(z: np.ndarray) -> None:
    np.testing.assert_allclose(A.sigmoid(-z), 1.0 - A.sigmoid(z), rtol=1e-12, atol=1e-15)


@given(z=float_arrays())
def test_tanh_is_odd(z: np.ndarray) -> None:
    np.testing.assert_array_equal(A.tanh(-z), -A.tanh(z))


def test_sigmoid_of_zero_is_one_half() -> None:
    assert A.sigmoid(0.0) == 0.5


@pytest.mark.parametrize("name", NAMES)
def test_stable_at_plus_minus_1e4(name: str) -> None:
    fn, grad = FUNCTIONS[name]
    z = np.array([-1e4, -1e3, 1e3, 1e4])
    with np.errstate(over="raise", invalid="raise", divide="raise"):
        assert np.all(np.isfinite(fn(z)))
        assert np.all(np.isfinite(grad(z)))


def test_sigmoid_saturates_exactly_without_warnings() -> None:
    with np.errstate(over="raise", invalid="raise", divide="raise"):
        assert A.sigmoid(1000.0) == 1.0
        assert A.sigmoid(-1000.0) == 0.0
        np.testing.assert_array_equal(A.sigmoid_grad([-1000.0, 1000.0]), [0.0, 0.0])
    assert A.tanh(1e4) == 1.0 and A.tanh(-1e4) == -1.0


@pytest.mark.parametrize("name", NAMES)
@given(data=st.data())
def test_derivative_matches_central_differences(name: str, data: st.DataObject) -> None:
    fn, grad = FUNCTIONS[name]
    derivative_check(fn, grad, data.draw(GRAD_DOMAIN[name]))


def test_gradcheck_helpers_pass_on_a_known_gradient() -> None:
    x = np.random.default_rng(0).standard_normal((3, 2))
    np.testing.assert_allclose(numerical_grad(lambda v: np.sin(v).sum(), x), np.cos(x), atol=1e-9)
    assert_grad_close(2.0 * x, lambda v: (v**2).sum(), x)
    derivative_check(np.sin, np.cos, x)


def test_negative_control_a_wrong_gradient_fails_the_check() -> None:
    x = np.random.default_rng(1).standard_normal((3, 2))
    with pytest.raises(AssertionError, match="analytic"):
        assert_grad_close(2.0 * x + 1e-4, lambda v: (v**2).sum(), x)
    with pytest.raises(AssertionError, match="analytic"):
        derivative_check(A.sigmoid, lambda v: 1.001 * A.sigmoid_grad(v), x)
    with pytest.raises(AssertionError, match="analytic"):
        derivative_check(A.tanh, A.sigmoid_grad, x)
    with pytest.raises(AssertionError, match="shape"):
        assert_grad_close(x.T, lambda v: (v**2).sum(), x)


@given(z=OFF_KINK, slope=finite_floats(0.0, 1.0))
def test_leaky_relu_derivative_with_any_slope(z: np.ndarray, slope: float) -> None:
    derivative_check(lambda v: A.leaky_relu(v, slope), lambda v: A.leaky_relu_grad(v, slope), z)


def test_derivatives_at_the_kink_follow_pytorch() -> None:
    assert A.relu_grad(0.0) == 0.0
    assert A.leaky_relu_grad(0.0, 0.1) == 0.1
    assert A.step_grad(0.0) == 0.0
    assert A.step(0.0) == 1.0


@given(z=float_arrays())
def test_step_gradient_is_zero_everywhere(z: np.ndarray) -> None:
    np.testing.assert_array_equal(A.step_grad(z), np.zeros_like(z))


@pytest.mark.parametrize("name", NAMES)
def test_get_activation_by_name(name: str) -> None:
    fn, grad = FUNCTIONS[name]
    assert A.get_activation(name) is fn
    assert A.get_activation_grad(name) is grad


def test_get_activation_forgives_case_spaces_and_hyphens() -> None:
    assert A.get_activation(" Sigmoid ") is A.sigmoid
    assert A.get_activation("Leaky-ReLU") is A.leaky_relu


@pytest.mark.parametrize("bad", ["sigmod", "softmax", ""])
def test_unknown_name_lists_the_valid_names(bad: str) -> None:
    with pytest.raises(ValueError, match="Unknown activation") as info:
        A.get_activation(bad)
    message = str(info.value)
    assert repr(bad) in message
    for name in NAMES:
        assert name in message


@pytest.mark.parametrize("bad", [None, 3, A.sigmoid, ["relu"]])
def test_non_string_name_is_a_type_error(bad: object) -> None:
    with pytest.raises(TypeError, match="string") as info:
        A.get_activation(bad)  # type: ignore[arg-type]
    assert type(bad).__name__ in str(info.value)
    assert "sigmoid" in str(info.value)
