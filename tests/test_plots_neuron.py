"""nnlib.plots.neuron: the input plane of a two-input neuron."""

from __future__ import annotations

import numpy as np
import pytest

from nnlib import Neuron
from nnlib.plots.neuron import (
    colour_limits,
    decision_line,
    draw_input_plane,
    plane_grid,
    update_input_plane,
)
from nnlib.plots.style import new_figure

EXTENT = (-2.0, 2.0, -2.0, 2.0)


def axes():  # type: ignore[no-untyped-def]
    return new_figure(4, 3).add_subplot()


def test_image_holds_the_neuron_output_on_the_grid() -> None:
    neuron = Neuron([1.5, -0.5], 0.25, "sigmoid")
    artists = draw_input_plane(axes(), neuron, (0.3, -0.7), resolution=11)
    image = np.asarray(artists.image.get_array())
    assert image.shape == (11, 11)
    # row = x2 from bottom to top, column = x1 from left to right (origin="lower")
    assert image[0, 0] == pytest.approx(neuron([-2.0, -2.0]))
    assert image[0, -1] == pytest.approx(neuron([2.0, -2.0]))
    assert image[-1, 0] == pytest.approx(neuron([-2.0, 2.0]))
    assert artists.image.get_clim() == (0.0, 1.0)
    assert list(artists.point.get_xdata()) == [0.3]
    assert list(artists.point.get_ydata()) == [-0.7]


@pytest.mark.parametrize(
    ("weights", "bias"), [((1.0, 2.0), -0.5), ((0.0, 3.0), 1.0), ((2.0, 0.0), 1)]
)
def test_decision_line_lies_on_w_dot_x_plus_b_equals_zero(
    weights: tuple[float, float], bias: float
) -> None:
    ends = decision_line(weights, bias, EXTENT)
    np.testing.assert_allclose(ends @ np.array(weights) + bias, [0.0, 0.0], atol=1e-9)
    # long enough to cross the whole plot
    assert np.hypot(*(ends[1] - ends[0])) > 2 * np.hypot(4.0, 4.0)


def test_zero_weights_have_no_line() -> None:
    assert np.isnan(decision_line((0.0, 0.0), 1.0, EXTENT)).all()


def test_moving_x_keeps_the_image_but_new_weights_recompute_it() -> None:
    neuron = Neuron([1.0, 1.0], 0.0, "tanh")
    artists = draw_input_plane(axes(), neuron, (0.0, 0.0), resolution=5)
    before = artists.image.get_array()
    update_input_plane(artists, x=(1.0, -1.0))
    assert artists.image.get_array() is before
    assert list(artists.point.get_xdata()) == [1.0]
    neuron.bias.data[...] = 0.5
    update_input_plane(artists, neuron=neuron)
    image = np.asarray(artists.image.get_array())
    assert image[2, 2] == pytest.approx(np.tanh(0.5))
    ends = np.column_stack([artists.line.get_xdata(), artists.line.get_ydata()])
    np.testing.assert_allclose(ends @ [1.0, 1.0] + 0.5, 0.0, atol=1e-9)
    assert artists.image.get_clim() == (-1.0, 1.0)


def test_colour_scale_is_fixed_or_symmetric_and_rounded_for_unbounded_activations() -> None:
    assert colour_limits("relu", np.array([[0.0, 3.0], [1.0, 2.0]])) == (-5.0, 5.0)
    assert colour_limits("identity", np.array([[-0.15, 0.1]])) == (-0.2, 0.2)
    assert colour_limits("relu", np.array([[0.0, 10.0]])) == (-10.0, 10.0)
    assert colour_limits("relu", np.array([[0.0, 10.5]])) == (-20.0, 20.0)
    assert colour_limits("sigmoid", np.array([[0.2]])) == (0.0, 1.0)


def test_the_plane_has_a_colour_bar_that_follows_the_colour_limits() -> None:
    ax = axes()
    artists = draw_input_plane(ax, Neuron([1.0, 1.0], 0.0, "relu"), (0.0, 0.0), resolution=5)
    figure = ax.figure
    assert len(figure.axes) == 2, "the plane and its colour bar"
    bar = figure.axes[1]
    assert bar.get_ylim() == pytest.approx((-5.0, 5.0)) and bar.get_ylabel() == "output a"
    update_input_plane(artists, neuron=Neuron([10.0, 10.0], 0.0, "relu"))
    assert bar.get_ylim() == pytest.approx((-50.0, 50.0))


def test_grid_covers_the_extent_row_by_row() -> None:
    grid = plane_grid((0.0, 1.0, 10.0, 11.0), 2)
    np.testing.assert_array_equal(grid, [[0, 10], [1, 10], [0, 11], [1, 11]])


def test_bad_input_is_reported_clearly() -> None:
    with pytest.raises(ValueError, match="exactly 2 inputs to draw its input plane, got 3 inputs"):
        draw_input_plane(axes(), Neuron([1.0, 2.0, 3.0]))
    with pytest.raises(ValueError, match="got list"):
        draw_input_plane(axes(), [1.0, 2.0])  # type: ignore[arg-type]
    artists = draw_input_plane(axes(), Neuron([1.0, 2.0]), resolution=3)
    with pytest.raises(ValueError, match=r"x must be one point \(x1, x2\) of shape \(2,\), got"):
        update_input_plane(artists, x=(1.0, 2.0, 3.0))
    with pytest.raises(ValueError, match="x must hold only finite numbers"):
        update_input_plane(artists, x=(1.0, float("nan")))
