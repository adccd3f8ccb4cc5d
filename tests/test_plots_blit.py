"""nnlib.plots.blit: layered rendering gives the same picture as a full draw, for less work."""

from __future__ import annotations

import io

import numpy as np
import pytest
from matplotlib.figure import Figure
from PIL import Image

from nnlib.plots.blit import Blitter
from nnlib.plots.style import new_figure, render_png


def pixels(png: bytes) -> np.ndarray:
    return np.asarray(Image.open(io.BytesIO(png)).convert("RGB"), dtype=np.float64)


def scene():  # type: ignore[no-untyped-def]
    figure = new_figure(4, 3)
    ax = figure.add_subplot()
    (curve,) = ax.plot([0, 1, 2], [0, 1, 0])
    (point,) = ax.plot([1], [1], "o")
    ax.set_xlim(0, 2)
    ax.set_ylim(-1, 2)
    return figure, ax, curve, point


def full_render(figure: Figure, artists: list) -> np.ndarray:  # type: ignore[type-arg]
    for artist in artists:
        artist.set_animated(False)
    picture = pixels(render_png(figure))
    for artist in artists:
        artist.set_animated(True)
    return picture


def test_layers_compose_to_the_full_picture() -> None:
    figure, _, curve, point = scene()
    blitter = Blitter(figure, [point], [curve])
    blitted = pixels(blitter.render_png())
    point.set_data([1.5], [0.5])
    moved = pixels(blitter.render_png(slow_changed=False))
    assert np.abs(moved - blitted).max() > 0  # the point moved
    difference = np.abs(moved - full_render(figure, [point, curve]))
    assert difference.mean() < 0.5  # antialiased edges may differ by a shade, nothing more


def test_only_what_changed_is_redrawn() -> None:
    figure, ax, curve, point = scene()
    blitter = Blitter(figure, [point], [curve])
    blitter.render_png()
    blitter.render_png(slow_changed=False)
    assert (blitter.full_draws, blitter.slow_draws) == (1, 1)
    blitter.render_png(slow_changed=True)
    assert (blitter.full_draws, blitter.slow_draws) == (1, 2)
    ax.set_ylim(-2, 3)
    blitter.render_png(slow_changed=False)
    assert (blitter.full_draws, blitter.slow_draws) == (2, 3)
    ax.set_title("new")
    blitter.render_png(slow_changed=False)
    assert blitter.full_draws == 3
    blitter.invalidate()
    blitter.render_png(slow_changed=False)
    assert blitter.full_draws == 4


def test_with_no_slow_artists_that_layer_is_built_once_per_background() -> None:
    figure, ax, curve, point = scene()
    blitter = Blitter(figure, [point, curve])
    for _ in range(3):
        blitter.render_png()  # slow_changed defaults to True, but there is nothing slow
    assert (blitter.full_draws, blitter.slow_draws) == (1, 1)
    ax.set_ylim(-2, 3)  # a new background: the layer above it is rebuilt on it
    picture = pixels(blitter.render_png())
    assert (blitter.full_draws, blitter.slow_draws) == (2, 2)
    assert np.abs(picture - full_render(figure, [point, curve])).mean() < 0.5


def test_needs_an_agg_canvas() -> None:
    with pytest.raises(TypeError, match=r"figure must have an Agg canvas, got FigureCanvasBase"):
        Blitter(Figure(), [])
