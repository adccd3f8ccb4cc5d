"""Data sets: shapes, labels, geometry, reproducibility from a seed, and refused arguments."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import pytest

from nnlib import data

MAKERS: dict[str, Callable[..., data.Dataset]] = {
    "moons": data.make_moons,
    "circles": data.make_circles,
    "spirals": data.make_spirals,
    "xor": data.make_xor,
    "slab": data.make_slab,
}
FEATURES = {"moons": 2, "circles": 2, "spirals": 2, "xor": 2, "slab": 3}


@pytest.mark.parametrize("name", MAKERS)
def test_shapes_dtype_and_labels(name: str) -> None:
    X, y = MAKERS[name](n=51, rng=np.random.default_rng(0))
    assert X.shape == (51, FEATURES[name]) and y.shape == (51, 1)
    assert X.dtype == np.float64 and y.dtype == np.float64
    assert set(np.unique(y)) == {0.0, 1.0}


@pytest.mark.parametrize("name", MAKERS)
def test_the_same_seed_gives_the_same_data_and_another_seed_does_not(name: str) -> None:
    a = MAKERS[name](n=40, noise=0.1, rng=np.random.default_rng(7))
    b = MAKERS[name](n=40, noise=0.1, rng=np.random.default_rng(7))
    c = MAKERS[name](n=40, noise=0.1, rng=np.random.default_rng(8))
    np.testing.assert_array_equal(a[0], b[0])
    np.testing.assert_array_equal(a[1], b[1])
    assert not np.array_equal(a[0], c[0])


@pytest.mark.parametrize("name", ["moons", "circles", "spirals"])
def test_classes_are_balanced(name: str) -> None:
    _, y = MAKERS[name](n=101, rng=np.random.default_rng(0))
    assert int(y.sum()) in (50, 51)


def test_moons_without_noise_lie_on_their_half_circles() -> None:
    X, y = data.make_moons(60, noise=0.0, rng=np.random.default_rng(0))
    top, bottom = X[y[:, 0] == 0], X[y[:, 0] == 1]
    np.testing.assert_allclose(np.hypot(*top.T), 1.0)
    np.testing.assert_allclose(np.hypot(bottom[:, 0] - 1.0, bottom[:, 1] - 0.5), 1.0)
    assert (top[:, 1] >= -1e-12).all() and (bottom[:, 1] <= 0.5 + 1e-12).all()


def test_circles_without_noise_have_the_two_radii() -> None:
    X, y = data.make_circles(40, noise=0.0, factor=0.3, rng=np.random.default_rng(0))
    radius = np.hypot(*X.T)
    np.testing.assert_allclose(radius[y[:, 0] == 0], 1.0)
    np.testing.assert_allclose(radius[y[:, 0] == 1], 0.3)


def test_noise_moves_points_by_about_its_standard_deviation() -> None:
    clean, _ = data.make_moons(2000, noise=0.0, rng=np.random.default_rng(1))
    noisy, _ = data.make_moons(2000, noise=0.2, rng=np.random.default_rng(1))
    # same permutation from the same seed, so the difference is the jitter alone
    assert np.std(noisy - clean) == pytest.approx(0.2, rel=0.05)


def test_xor_and_slab_labels_follow_their_rules() -> None:
    X, y = data.make_xor(100, rng=np.random.default_rng(0))
    np.testing.assert_array_equal(y[:, 0], X[:, 0] * X[:, 1] < 0)
    X3, y3 = data.make_slab(500, width=1.2, rng=np.random.default_rng(0))
    np.testing.assert_array_equal(y3[:, 0], np.abs(X3.sum(axis=1)) < 0.6)
    assert 0.3 < y3.mean() < 0.6  # both classes well represented


@pytest.mark.parametrize(
    ("name", "column"),
    [("AND", [0, 0, 0, 1]), ("or", [0, 1, 1, 1]), ("NAND", [1, 1, 1, 0]), ("xor", [0, 1, 1, 0])],
)
def test_logic_gates_are_their_truth_tables(name: str, column: list[int]) -> None:
    X, y = data.logic_gate(name)
    np.testing.assert_array_equal(X, [[0, 0], [0, 1], [1, 0], [1, 1]])
    assert y.shape == (4, 1) and y.dtype == np.float64
    np.testing.assert_array_equal(y[:, 0], column)


def test_unknown_gate_lists_the_valid_names() -> None:
    with pytest.raises(ValueError, match=r"Unknown logic gate 'NOR'\. Valid names: AND, OR, NAND"):
        data.logic_gate("NOR")


def test_the_registry_names_the_panel_data_sets() -> None:
    assert list(data.DATASETS) == ["xor", "moons", "circles", "spirals"]


def test_rng_is_required() -> None:
    with pytest.raises(TypeError, match=r"rng must be a numpy\.random\.Generator"):
        data.make_moons(10, rng=None)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match=r"Create one with numpy.random.default_rng\(seed\)"):
        data.make_moons(10, rng=0)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("kwargs", "error", "message"),
    [
        ({"n": 1}, ValueError, "n must be at least 2"),
        ({"n": 2.0}, TypeError, "n must be a positive integer, got float"),
        ({"noise": -0.1}, ValueError, "noise is a standard deviation and must be ≥ 0"),
        ({"noise": float("inf")}, ValueError, "noise must be a finite number"),
    ],
)
def test_bad_arguments_are_refused(kwargs: dict[str, object], error: type, message: str) -> None:
    with pytest.raises(error, match=message):
        data.make_moons(rng=np.random.default_rng(0), **kwargs)  # type: ignore[arg-type]


def test_shape_arguments_are_checked() -> None:
    rng = np.random.default_rng(0)
    with pytest.raises(ValueError, match=r"factor .* must lie in \(0, 1\), got 1.5"):
        data.make_circles(10, factor=1.5, rng=rng)
    with pytest.raises(ValueError, match="turns must be positive"):
        data.make_spirals(10, turns=0.0, rng=rng)
    with pytest.raises(ValueError, match="width must be positive"):
        data.make_slab(10, width=-1.0, rng=rng)


@pytest.mark.parametrize("name", [*data.DATASETS, "slab"])
def test_every_data_set_takes_noise_as_a_standard_deviation(name: str) -> None:
    clean, labels = MAKERS[name](n=3000, noise=0.0, rng=np.random.default_rng(2))
    noisy, same_labels = MAKERS[name](n=3000, noise=0.3, rng=np.random.default_rng(2))
    if name in ("xor", "slab"):  # points drawn at random: the same seed draws the same points
        np.testing.assert_array_equal(labels, same_labels)
    assert np.std(noisy - clean) == pytest.approx(0.3, rel=0.05)


@pytest.mark.parametrize(("fraction", "n_test"), [(0.25, 3), (0.5, 5), (0.7, 7), (0.01, 1)])
def test_train_test_split_holds_out_ceil_fraction_of_the_rows(fraction: float, n_test: int) -> None:
    X, y = data.make_moons(10, rng=np.random.default_rng(0))
    X_train, X_test, y_train, y_test = data.train_test_split(
        X, y, fraction, rng=np.random.default_rng(1)
    )
    assert X_test.shape == (n_test, 2) and y_test.shape == (n_test, 1)
    assert X_train.shape == (10 - n_test, 2) and y_train.shape == (10 - n_test, 1)


def test_train_test_split_shuffles_with_the_rng_and_keeps_rows_with_their_labels() -> None:
    X = np.arange(40.0).reshape(20, 2)
    y = X[:, :1] * 10.0  # each label names its row
    X_train, X_test, y_train, y_test = data.train_test_split(X, y, rng=np.random.default_rng(4))
    order = np.random.default_rng(4).permutation(20)  # the first 5 go to the test set
    np.testing.assert_array_equal(X_test, X[order[:5]])
    np.testing.assert_array_equal(X_train, X[order[5:]])
    np.testing.assert_array_equal(y_train, X_train[:, :1] * 10.0)
    np.testing.assert_array_equal(y_test, X_test[:, :1] * 10.0)
    assert not np.array_equal(X_train, X[5:])  # shuffled, not the last rows
    again = data.train_test_split(X, y, rng=np.random.default_rng(4))
    other = data.train_test_split(X, y, rng=np.random.default_rng(5))
    np.testing.assert_array_equal(again[1], X_test)
    assert not np.array_equal(other[1], X_test)


def test_train_test_split_takes_flat_labels_and_returns_copies() -> None:
    X, y = data.make_xor(8, rng=np.random.default_rng(0))
    X_train, _, y_train, y_test = data.train_test_split(X, y[:, 0], rng=np.random.default_rng(0))
    assert y_train.shape == (6,) and y_test.shape == (2,)
    X_train[...] = 99.0
    assert not (X == 99.0).any()  # writing into a part leaves the data set alone


@pytest.mark.parametrize(
    ("args", "kwargs", "error", "message"),
    [
        ((np.zeros((4, 2)), np.zeros(4), 0.0), {}, ValueError, "test_fraction is the share .* "
         "strictly between 0 and 1, got 0.0. Try 0.25"),
        ((np.zeros((4, 2)), np.zeros(4), 1.0), {}, ValueError, "strictly between 0 and 1"),
        ((np.zeros((4, 2)), np.zeros(4), "0.2"), {}, TypeError, "test_fraction must be a single"),
        ((np.zeros((4, 2)), np.zeros(4), 0.9), {}, ValueError, r"test_fraction=0.9 of 4 "
         r"sample\(s\) leaves no sample for training: both parts need at least one"),
        ((np.zeros((1, 2)), np.zeros(1)), {}, ValueError, "leaves no sample for training"),
        ((np.zeros((4, 2)), np.zeros(3)), {}, ValueError, "X and y must have one row per sample, "
         "got 4 rows in X and 3 in y"),
        ((np.zeros(4), np.zeros(4)), {}, ValueError, "X must be 2-D"),
        ((np.zeros((4, 2)), np.zeros(4)), {"rng": None}, TypeError, "rng must be a numpy"),
        ((np.zeros((4, 2)), np.zeros(4)), {"rng": 3}, TypeError, "rng must be a numpy"),
    ],
)  # fmt: skip
def test_train_test_split_refuses_bad_input(
    args: tuple[object, ...], kwargs: dict[str, object], error: type, message: str
) -> None:
    rng = np.random.default_rng(0)
    with pytest.raises(error, match=message):
        data.train_test_split(*args, **{"rng": rng, **kwargs})  # type: ignore[arg-type]
    assert rng.random() == np.random.default_rng(0).random()  # refused before drawing
