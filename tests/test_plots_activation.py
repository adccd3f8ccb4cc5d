"""nnlib.plots.activation: the curve, its derivative and the moving point (z, a)."""

from __future__ import annotations

import numpy as np
import pytest

from nnlib import activations
from nnlib.plots.activation import (
    GALLERY,
    activation_values,
    draw_activation,
    draw_activation_gallery,
    update_activation,
    visible_half_range,
)
from nnlib.plots.style import new_figure

NAMES = list(activations.ACTIVATIONS)


def axes():  # type: ignore[no-untyped-def]
    return new_figure(4, 3).add_subplot()


@pytest.mark.parametrize("name", NAMES)
def test_curves_are_the_activation_and_its_derivative(name: str) -> None:
    artists = draw_activation(axes(), name, z=0.7, derivative=True)
    zs = artists.curve.get_xdata()
    spec = activations.get_spec(name)
    np.testing.assert_allclose(artists.curve.get_ydata(), spec.fn(zs))
    assert artists.derivative is not None
    np.testing.assert_allclose(artists.derivative.get_ydata(), spec.grad(zs))
    assert zs[0] == -5.0 and zs[-1] == 5.0


@pytest.mark.parametrize("name", NAMES)
def test_point_and_guides_mark_z_and_a(name: str) -> None:
    artists = draw_activation(axes(), name, z=-1.3, derivative=True)
    a = float(activations.get_spec(name).fn(-1.3))
    assert list(artists.point.get_xdata()) == [-1.3]
    assert list(artists.point.get_ydata()) == pytest.approx([a])
    vertical, horizontal = artists.guides
    assert list(vertical.get_xdata()) == [-1.3, -1.3]
    assert vertical.get_ydata()[1] == pytest.approx(a)
    assert list(horizontal.get_ydata()) == pytest.approx([a, a])
    assert artists.derivative_point is not None
    grad = float(activations.get_spec(name).grad(-1.3))
    assert list(artists.derivative_point.get_ydata()) == pytest.approx([grad])


def test_moving_z_leaves_the_curve_arrays_untouched() -> None:
    artists = draw_activation(axes(), "sigmoid", z=0.0)
    before = artists.curve.get_ydata()
    update_activation(artists, z=2.0)
    assert artists.curve.get_ydata() is before
    assert artists.point.get_ydata()[0] == pytest.approx(float(activations.sigmoid(2.0)))


def test_new_name_redraws_curve_title_and_limits() -> None:
    artists = draw_activation(axes(), "sigmoid", z=1.0)
    update_activation(artists, name="tanh")
    np.testing.assert_allclose(
        artists.curve.get_ydata(), np.tanh(artists.curve.get_xdata()), atol=1e-12
    )
    assert artists.ax.get_title() == "a = tanh(z)"
    low, high = artists.ax.get_ylim()
    assert low < -1.0 and high > 1.0
    assert artists.point.get_ydata()[0] == pytest.approx(np.tanh(1.0))


def test_z_off_the_axis_widens_it_and_narrows_again() -> None:
    artists = draw_activation(axes(), "relu", z=0.0)
    update_activation(artists, z=12.0)
    assert artists.ax.get_xlim()[1] >= 12.0
    assert artists.curve.get_xdata()[-1] >= 12.0
    update_activation(artists, z=1.0)
    assert artists.ax.get_xlim() == (-5.0, 5.0)


def test_visible_half_range() -> None:
    assert visible_half_range(4.0, 5.0) == 5.0
    assert visible_half_range(-10.0, 5.0) == 12.0


def test_leaky_slope_changes_the_curve() -> None:
    artists = draw_activation(axes(), "leaky_relu", z=-2.0, negative_slope=0.1)
    assert artists.point.get_ydata()[0] == pytest.approx(-0.2)
    update_activation(artists, negative_slope=0.3)
    assert artists.point.get_ydata()[0] == pytest.approx(-0.6)
    assert artists.curve.get_ydata()[0] == pytest.approx(-0.3 * 5.0)
    values, grads = activation_values("leaky_relu", np.array([-1.0, 2.0]), 0.25)
    np.testing.assert_allclose(values, [-0.25, 2.0])
    np.testing.assert_allclose(grads, [0.25, 1.0])


def test_bad_input_is_reported_clearly() -> None:
    with pytest.raises(ValueError, match=r"Unknown activation 'sigmod'\. Valid names: sigmoid"):
        draw_activation(axes(), "sigmod")
    artists = draw_activation(axes(), "relu")
    with pytest.raises(ValueError, match="z must be a finite number, got nan"):
        update_activation(artists, z=float("nan"))
    with pytest.raises(TypeError, match="negative_slope must be a single real number"):
        update_activation(artists, negative_slope="steep")  # type: ignore[arg-type]


def test_gallery_draws_each_activation_with_its_derivative() -> None:
    figure, drawn = draw_activation_gallery()
    assert list(drawn) == list(GALLERY)
    assert len([ax for ax in figure.axes if ax.get_visible()]) == 6
    for name, artists in drawn.items():
        assert artists.derivative is not None and artists.derivative.get_visible()
        assert not artists.point.get_visible()
        assert artists.ax.get_title().startswith("a = ")
        assert name in activations.ACTIVATIONS
    assert drawn["leaky_relu"].ax.get_title() == "a = LeakyReLU(z), slope 0.1"
    leaky = drawn["leaky_relu"].curve.get_ydata()
    assert leaky[0] == pytest.approx(-0.4)  # slope 0.1 at z = −4, visible in a small panel
