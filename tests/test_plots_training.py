"""Decision boundary, loss curve and loss surface: the artists hold the model's numbers."""

from __future__ import annotations

import numpy as np
import pytest

from nnlib.data import logic_gate, make_moons
from nnlib.neuron import Neuron
from nnlib.plots.payload import png
from nnlib.plots.style import new_figure
from nnlib.plots.training import (
    data_extent,
    draw_decision_boundary,
    draw_loss_curve,
    draw_loss_surface,
    grid_points,
    half_line,
    update_decision_boundary,
    update_descent_path,
    update_loss_curve,
)


def axes():  # type: ignore[no-untyped-def]
    return new_figure(4, 3).add_subplot()


def test_grid_runs_row_major_from_the_lower_left() -> None:
    grid = grid_points((0.0, 1.0, 10.0, 12.0), 3)
    assert grid.shape == (9, 2)
    np.testing.assert_allclose(grid[:3], [[0, 10], [0.5, 10], [1, 10]])
    np.testing.assert_allclose(grid[-1], [1, 12])


def test_extent_adds_the_margin() -> None:
    assert data_extent([[0.0, 1.0], [2.0, 3.0]], margin=0.5) == (-0.5, 2.5, 0.5, 3.5)


def test_boundary_image_is_the_models_output_and_points_are_split_by_label() -> None:
    X, y = logic_gate("AND")
    neuron = Neuron([2.0, 2.0], -3.0)
    ax = axes()
    artists = draw_decision_boundary(ax, neuron, X, y, resolution=5)
    image = np.asarray(artists.image.get_array())
    np.testing.assert_allclose(image.ravel(), neuron(artists.grid))
    assert artists.image.get_extent() == [-0.25, 1.25, -0.25, 1.25]
    np.testing.assert_array_equal(np.column_stack(artists.class1.get_data()), [[1.0, 1.0]])
    assert len(artists.class0.get_xdata()) == 3
    # p = 0.5 on the line 2·x1 + 2·x2 − 3 = 0, from (0.25, 1.25) to (1.25, 0.25); the grid is
    # interpolated linearly between its points, so the drawn line is within a few thousandths
    line = np.column_stack(artists.contour.get_data())
    assert len(line) >= 2 and np.isfinite(line).all()  # one piece: no NaN separators
    np.testing.assert_allclose(line.sum(axis=1), 1.5, atol=0.01)
    np.testing.assert_allclose(sorted(line[[0, -1], 0]), [0.25, 1.25], atol=0.01)


def test_update_recomputes_the_image_and_moves_the_same_line() -> None:
    X, y = logic_gate("AND")
    neuron = Neuron([2.0, 2.0], -3.0)
    artists = draw_decision_boundary(axes(), neuron, X, y, resolution=6)
    line = artists.contour
    neuron.weight.data[:] = [-1.0, 4.0]
    update_decision_boundary(artists, neuron)
    np.testing.assert_allclose(np.asarray(artists.image.get_array()).ravel(), neuron(artists.grid))
    assert artists.contour is line and line in artists.ax.lines  # changed in place, not replaced
    points = np.column_stack(line.get_data())
    np.testing.assert_allclose(-points[:, 0] + 4.0 * points[:, 1], 3.0, atol=0.05)  # p = 0.5


def test_the_line_is_empty_when_the_output_never_crosses_one_half() -> None:
    X, y = logic_gate("OR")
    neuron = Neuron([0.0, 0.0], 5.0)  # p ≈ 0.993 everywhere
    artists = draw_decision_boundary(axes(), neuron, X, y, resolution=4)
    assert len(artists.contour.get_xdata()) == 0


def test_separate_pieces_of_the_line_are_split_by_nan() -> None:
    """Two bands where p > 0.5, around x1 = ±1: four edges, four pieces, three NaN rows."""
    grid = grid_points((-2.0, 2.0, -1.0, 1.0), 41)
    x1 = grid[:, 0].reshape(41, 41)
    image = np.exp(-8.0 * (np.abs(x1) - 1.0) ** 2)  # p > 0.5 in two bands, around x1 = ±1
    points = half_line(grid, image)
    gaps = np.flatnonzero(np.isnan(points[:, 0]))
    assert len(gaps) == 3
    for piece in np.split(points, gaps):
        piece = piece[np.isfinite(piece[:, 0])]
        assert np.isfinite(piece).all()
        np.testing.assert_allclose(
            np.abs(np.abs(piece[:, 0]) - 1.0), np.sqrt(np.log(2) / 8), atol=0.02
        )


def test_new_data_moves_the_points_and_the_extent() -> None:
    X, y = logic_gate("XOR")
    neuron = Neuron([1.0, 1.0], -1.0)
    artists = draw_decision_boundary(axes(), neuron, X, y, resolution=4)
    X2, y2 = make_moons(20, 0.0, rng=np.random.default_rng(0))
    update_decision_boundary(artists, neuron, X2, y2)
    assert artists.extent == data_extent(X2)
    assert len(artists.class0.get_xdata()) + len(artists.class1.get_xdata()) == 20
    np.testing.assert_allclose(np.asarray(artists.image.get_array()).ravel(), neuron(artists.grid))


def test_boundary_needs_two_features() -> None:
    with pytest.raises(ValueError, match=r"X must have 2 features .* got shape \(4, 3\)"):
        draw_decision_boundary(axes(), Neuron([1.0, 1.0, 1.0]), np.zeros((4, 3)), np.zeros(4))


def test_loss_curve_holds_the_losses_and_rescales() -> None:
    ax = axes()
    line = draw_loss_curve(ax, [1.0, 0.5], xlabel="epoch")
    np.testing.assert_array_equal(line.get_xdata(), [1, 2])
    update_loss_curve(line, [1.0, 0.5, 0.1, 0.01])
    np.testing.assert_array_equal(line.get_ydata(), [1.0, 0.5, 0.1, 0.01])
    low, high = ax.get_ylim()
    assert low <= 0.01 and high >= 1.0 and ax.get_yscale() == "log"
    assert ax.get_xlabel() == "epoch"


def test_loss_surface_and_path() -> None:
    ax = axes()
    xs, ys = np.linspace(-1, 1, 5), np.linspace(0, 2, 4)
    losses = np.add.outer(ys, xs) ** 2
    artists = draw_loss_surface(ax, xs, ys, losses, [[0.0, 0.0], [0.5, 1.0]])
    np.testing.assert_array_equal(artists.path.get_xdata(), [0.0, 0.5])
    np.testing.assert_array_equal(artists.start.get_ydata(), [0.0])
    update_descent_path(artists, np.array([[1.0, 2.0], [0.0, 1.0], [-1.0, 0.5]]))
    np.testing.assert_array_equal(artists.path.get_ydata(), [2.0, 1.0, 0.5])
    np.testing.assert_array_equal(artists.start.get_xdata(), [1.0])
    assert png(ax.figure)[:4] == b"\x89PNG"


def test_loss_surface_shape_is_checked() -> None:
    with pytest.raises(ValueError, match=r"losses must have shape \(len\(ys\), len\(xs\)\)"):
        draw_loss_surface(axes(), np.zeros(3), np.zeros(2), np.zeros((3, 2)))
