"""Notebook 08's drawings hold the numbers they claim to show."""

from __future__ import annotations

import numpy as np
import pytest

from nnlib.plots.palette import MAGNITUDE_CMAP
from nnlib.plots.style import new_figure
from nnlib.plots.universality import (
    draw_bump_builder,
    plot_bump,
    plot_error_vs_neurons,
    plot_steps,
    plot_tower,
    update_bump_builder,
    update_picked_bump,
    update_target_and_error,
)
from nnlib.universality import Bump, sigmoid_step


def test_steps_get_steeper_and_the_bump_is_their_sum() -> None:
    figure = new_figure(8, 3)
    left, right = figure.subplots(1, 2)
    lines = plot_steps(left, 0.4, [5.0, 50.0])
    x = np.asarray(lines[1].get_xdata())
    assert np.asarray(lines[1].get_ydata()) == pytest.approx(sigmoid_step(x, 0.4, 50.0))
    up, down, total = plot_bump(right, Bump(0.3, 0.6, 0.8), 60.0)
    assert np.asarray(total.get_ydata()) == pytest.approx(
        np.asarray(up.get_ydata()) + np.asarray(down.get_ydata())
    )


def test_builder_artists_follow_their_updates() -> None:
    figure = new_figure(6.4, 3.0)
    artists = draw_bump_builder(figure.add_subplot(), 3)
    x = np.linspace(0, 1, 5)
    rows = np.array([[0.0, 0.5, 0.5, 0.0, 0.0], [0.0, 0.0, 0.0, 0.2, 0.2]])
    update_bump_builder(artists, x, rows.sum(axis=0), rows)
    assert [line.get_visible() for line in artists.contributions] == [True, True, False]
    assert np.isnan(np.asarray(artists.contributions[0].get_ydata())[0])  # zeros left out
    update_picked_bump(artists, x, rows[0], Bump(0.2, 0.6, 0.5))
    assert list(artists.picked_steps.get_ydata()) == [0.25, 0.25]
    update_target_and_error(artists, x, np.full(5, 0.3), rows.sum(axis=0))
    bars = np.asarray(artists.error.get_ydata()).reshape(-1, 3)
    assert bars[:, 0] == pytest.approx([0.3] * 5) and bars[2, 1] == 0.5
    assert artists.error.get_linewidth() > 0


def test_error_plot_and_tower() -> None:
    figure = new_figure(8, 3)
    left, right = figure.subplots(1, 2)
    plot_error_vs_neurons(left, [2, 4], {"by hand": [0.2, 0.1], "trained": [0.02, 0.01]})
    assert left.get_yscale() == "log" and len(left.get_lines()) == 2
    plot_tower(right, np.eye(3), (0.0, 1.0, 0.0, 1.0), "tower")
    assert right.images[0].get_cmap() is MAGNITUDE_CMAP and len(figure.axes) == 3  # colour bar
