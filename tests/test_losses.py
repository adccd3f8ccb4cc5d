"""MSELoss and BCELoss: values by hand, gradients by central differences, stability, bad input."""

from __future__ import annotations

import numpy as np
import pytest
from gradcheck import assert_grad_close
from hypothesis import given
from hypothesis import strategies as st
from strategies import finite_floats

from nnlib.losses import BCE_LOG_FLOOR, BCELoss, MSELoss

OUT = np.array([[0.2], [0.9], [0.5], [0.7]])
TARGET = np.array([[0.0], [1.0], [1.0], [0.0]])


def test_mse_value_is_the_mean_squared_error() -> None:
    # (0.04 + 0.01 + 0.25 + 0.49) / 4
    assert MSELoss()(OUT, TARGET) == pytest.approx(0.1975, abs=1e-15)


def test_bce_value_matches_the_formula_by_hand() -> None:
    by_hand = -(np.log(0.8) + np.log(0.9) + np.log(0.5) + np.log(0.3)) / 4
    assert BCELoss()(OUT, TARGET) == pytest.approx(by_hand, rel=1e-14)


def test_calling_a_loss_returns_a_python_float() -> None:
    assert type(MSELoss()(OUT, TARGET)) is float
    assert type(BCELoss()(OUT, TARGET)) is float


@pytest.mark.parametrize("loss_class", [MSELoss, BCELoss])
def test_backward_matches_central_differences(loss_class: type) -> None:
    rng = np.random.default_rng(3)
    out = rng.uniform(0.05, 0.95, size=(6, 2))
    target = rng.integers(0, 2, size=(6, 2)).astype(float)
    loss = loss_class()
    loss(out, target)
    assert_grad_close(loss.backward(), lambda o: loss_class()(o, target), out, what="dL/dout")


@given(st.lists(finite_floats(0.01, 0.99), min_size=1, max_size=8), st.data())
def test_bce_gradient_holds_for_any_probabilities(probs: list[float], data: st.DataObject) -> None:
    out = np.array(probs)
    target = np.array(
        data.draw(st.lists(st.sampled_from([0.0, 1.0]), min_size=len(probs), max_size=len(probs)))
    )
    loss = BCELoss()
    loss(out, target)
    assert_grad_close(loss.backward(), lambda o: BCELoss()(o, target), out, rtol=1e-5, atol=1e-7)


def test_gradient_check_catches_a_wrong_gradient() -> None:
    loss = MSELoss()
    loss(OUT, TARGET)
    with pytest.raises(AssertionError, match="dL/dout"):
        assert_grad_close(
            1.01 * loss.backward(), lambda o: MSELoss()(o, TARGET), OUT, what="dL/dout"
        )


def test_backward_refers_to_the_last_call() -> None:
    loss = MSELoss()
    loss(OUT, TARGET)
    loss(np.zeros((2, 1)), np.ones((2, 1)))
    np.testing.assert_array_equal(loss.backward(), np.full((2, 1), -1.0))


def test_bce_is_finite_for_outputs_of_exactly_zero_and_one() -> None:
    out = np.array([0.0, 1.0, 0.0, 1.0])
    target = np.array([1.0, 0.0, 0.0, 1.0])
    loss = BCELoss()
    # Two confidently wrong answers cost −BCE_LOG_FLOOR each; the two right ones cost nothing.
    assert loss(out, target) == pytest.approx(-2 * BCE_LOG_FLOOR / 4)
    grad = loss.backward()
    assert np.isfinite(grad).all()
    assert grad[0] < 0 < grad[1] and grad[2] == 0.0 and grad[3] == 0.0


def test_losses_are_zero_for_perfect_outputs() -> None:
    assert MSELoss()(TARGET, TARGET) == 0.0
    assert BCELoss()(TARGET, TARGET) == 0.0


@pytest.mark.parametrize("loss_class", [MSELoss, BCELoss])
def test_backward_before_any_loss_is_refused(loss_class: type) -> None:
    with pytest.raises(ValueError, match=r"backward\(\) was called before any loss was computed"):
        loss_class().backward()


@pytest.mark.parametrize("loss_class", [MSELoss, BCELoss])
def test_shape_mismatch_explains_the_n_by_1_labels(loss_class: type) -> None:
    with pytest.raises(ValueError, match=r"output \(4, 1\) and target \(4,\).*y\.ravel\(\)"):
        loss_class()(OUT, TARGET.ravel())


@pytest.mark.parametrize("loss_class", [MSELoss, BCELoss])
def test_nan_in_output_is_reported_with_its_index(loss_class: type) -> None:
    bad = OUT.copy()
    bad[2, 0] = np.nan
    with pytest.raises(ValueError, match=r"output must hold only finite numbers.*\(2, 0\)"):
        loss_class()(bad, TARGET)


def test_strings_are_refused_with_a_type_error() -> None:
    with pytest.raises(TypeError, match="MSELoss target must be numbers"):
        MSELoss()(OUT, "labels")


def test_bce_refuses_outputs_outside_zero_one() -> None:
    with pytest.raises(ValueError, match=r"BCELoss output must lie in \[0, 1\], got 1.5 .*Sigmoid"):
        BCELoss()(np.array([0.5, 1.5]), np.array([0.0, 1.0]))


def test_bce_refuses_targets_outside_zero_one() -> None:
    with pytest.raises(ValueError, match=r"BCELoss target must lie in \[0, 1\], got -1.0"):
        BCELoss()(np.array([0.5, 0.5]), np.array([-1.0, 1.0]))


def test_repr_names_the_loss() -> None:
    assert repr(BCELoss()) == "BCELoss()"
