"""Hebb's rule grows without bound; Oja's rule finds the unit-norm principal component."""

from __future__ import annotations

import numpy as np
import pytest

from nnlib.plasticity import (
    hebbian_update,
    oja_update,
    principal_component,
    train_hebbian,
    train_oja,
)


def correlated_data(seed: int = 0, m: int = 1000) -> np.ndarray:
    rng = np.random.default_rng(seed)
    covariance = np.array([[3.0, 1.2, 0.4], [1.2, 1.5, 0.3], [0.4, 0.3, 0.5]])
    data = rng.multivariate_normal(np.zeros(3), covariance, size=m)
    return data - data.mean(axis=0)


def test_hebbian_update_is_learning_rate_times_post_times_pre() -> None:
    updated = hebbian_update([0.5, -0.5], [1.0, 2.0], post=2.0, lr=0.1)
    np.testing.assert_allclose(updated, [0.5 + 0.2, -0.5 + 0.4])


def test_oja_update_by_hand() -> None:
    w, x = np.array([0.6, 0.8]), np.array([1.0, 0.0])
    y = 0.6
    np.testing.assert_allclose(oja_update(w, x, lr=0.5), w + 0.5 * y * (x - y * w))


def test_oja_converges_to_the_unit_norm_principal_component() -> None:
    data = correlated_data()
    history = train_oja(data, lr=0.005, epochs=10, rng=np.random.default_rng(1))
    final = history[-1]
    _, vectors = np.linalg.eigh(np.cov(data.T, bias=True))
    top = vectors[:, -1]
    assert np.linalg.norm(final) == pytest.approx(1.0, abs=0.02)
    assert abs(final @ top) == pytest.approx(1.0, abs=1e-3)  # the same axis, either sign
    second = vectors[:, -2]
    assert abs(final @ second) < 0.05  # negative control: not the second component


def test_principal_component_is_the_top_eigenvector_with_a_fixed_sign() -> None:
    data = correlated_data()
    pc = principal_component(data)
    _, vectors = np.linalg.eigh(data.T @ data / len(data))
    assert abs(pc @ vectors[:, -1]) == pytest.approx(1.0)
    assert pc[np.argmax(np.abs(pc))] > 0


def test_hebbian_weights_grow_without_bound_where_oja_stays_bounded() -> None:
    data = correlated_data()
    hebb = train_hebbian(data, lr=0.001, epochs=3, rng=np.random.default_rng(2))
    oja = train_oja(data, lr=0.001, epochs=3, rng=np.random.default_rng(2))
    hebb_norms = np.linalg.norm(hebb, axis=1)
    assert hebb_norms[-1] > 10.0 * hebb_norms[len(hebb_norms) // 2] > 10.0
    assert np.linalg.norm(oja, axis=1).max() < 1.1
    # Hebb alone already points along the principal component: only the length runs away.
    assert abs(hebb[-1] @ principal_component(data)) / hebb_norms[-1] > 0.99


def test_training_is_deterministic_given_the_rng() -> None:
    data = correlated_data(m=50)
    first = train_oja(data, rng=np.random.default_rng(5))
    second = train_oja(data, rng=np.random.default_rng(5))
    assert first.shape == (10 * 50 + 1, 3)
    np.testing.assert_array_equal(first, second)


def test_bad_inputs_get_clear_messages() -> None:
    with pytest.raises(ValueError, match=r"pre must have one value per weight, shape \(2,\)"):
        oja_update([1.0, 0.0], [1.0, 2.0, 3.0])
    with pytest.raises(ValueError, match=r"lr must be positive, got -0\.1"):
        hebbian_update([1.0], [1.0], post=1.0, lr=-0.1)
    with pytest.raises(ValueError, match="data must be 2-D"):
        train_oja([1.0, 2.0], rng=np.random.default_rng(0))
    with pytest.raises(ValueError, match=r"initial must have shape \(3,\)"):
        train_oja(correlated_data(m=5), rng=np.random.default_rng(0), initial=[1.0, 0.0])
    with pytest.raises(TypeError, match=r"epochs must be a positive integer, got float 2\.5"):
        train_oja(correlated_data(m=5), rng=np.random.default_rng(0), epochs=2.5)
