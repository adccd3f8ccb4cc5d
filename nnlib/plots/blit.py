"""Blitting for live panels: draw the axes, ticks and labels once, then only the moving artists.

Laying out tick labels and titles is most of what a full `canvas.draw()` costs. The static
background is kept as a pixel buffer and redrawn only when an axis limit or title changes.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from typing import Any

from matplotlib.artist import Artist
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from PIL import Image


class Blitter:
    """Renders `figure` to PNG in three layers, each redrawn only when it has to be.

    1. the background (axes, ticks, labels, titles): when an axis limit or title changes;
    2. `slow` artists (a heatmap, a curve): when the caller says they changed;
    3. `moving` artists (points, guides): on every render.
    """

    def __init__(
        self, figure: Figure, moving: Sequence[Artist], slow: Sequence[Artist] = ()
    ) -> None:
        canvas = figure.canvas
        if not isinstance(canvas, FigureCanvasAgg):
            raise TypeError(
                f"figure must have an Agg canvas, got {type(canvas).__name__}. "
                f"Create it with nnlib.plots.new_figure()."
            )
        self.figure = figure
        self.canvas = canvas
        self.slow = sorted(slow, key=lambda artist: artist.get_zorder())
        self.moving = sorted(moving, key=lambda artist: artist.get_zorder())
        for artist in [*self.slow, *self.moving]:
            artist.set_animated(True)
        self._background: Any = None
        self._with_slow: Any = None
        self._layout: tuple[object, ...] = ()
        self.full_draws = 0  # how often each layer was redrawn, for tests
        self.slow_draws = 0

    def layout(self) -> tuple[object, ...]:
        """What the background depends on: every axes' limits, title and visibility."""
        return tuple(
            (ax.get_xlim(), ax.get_ylim(), ax.get_title(), ax.get_visible())
            for ax in self.figure.axes
        )

    def invalidate(self) -> None:
        """Force a full redraw next time, e.g. after changing a static artist."""
        self._background = None

    def render_png(self, slow_changed: bool = True) -> bytes:
        """The whole figure as PNG, reusing every layer that cannot have changed."""
        layout = self.layout()
        if self._background is None or layout != self._layout:
            self._draw_background()
            self._layout = layout
            self._with_slow = None  # rebuilt on the new background just below
        # With no slow artists that layer (background plus frames) never changes: keep it.
        if self._with_slow is None or (slow_changed and self.slow):
            self.canvas.restore_region(self._background)
            self._draw(self.slow)
            for ax in self.figure.axes:  # keep frames on top of images that fill the axes
                for spine in ax.spines.values():
                    ax.draw_artist(spine)
            self._with_slow = self.canvas.copy_from_bbox(self.figure.bbox)
            self.slow_draws += 1
        else:
            self.canvas.restore_region(self._with_slow)
        self._draw(self.moving)
        return _encode_png(self.canvas)

    @staticmethod
    def _draw(artists: Sequence[Artist]) -> None:
        for artist in artists:
            ax = artist.axes
            assert ax is not None, "every layered artist belongs to an Axes"
            ax.draw_artist(artist)

    def _draw_background(self) -> None:
        # Axes.draw always draws images, even animated ones, so hide every layered artist.
        layered = [*self.slow, *self.moving]
        shown = [artist.get_visible() for artist in layered]
        for artist in layered:
            artist.set_visible(False)
        self.canvas.draw()
        self._background = self.canvas.copy_from_bbox(self.figure.bbox)
        for artist, visible in zip(layered, shown, strict=True):
            artist.set_visible(visible)
        self.full_draws += 1


def _encode_png(canvas: FigureCanvasAgg) -> bytes:
    # Fast zlib as in style.render_png; wrapping the buffer without a copy saves a few ms more.
    width, height = canvas.get_width_height(physical=True)
    rgba = Image.frombuffer("RGBA", (width, height), canvas.buffer_rgba(), "raw", "RGBA", 0, 1)
    buffer = io.BytesIO()
    rgba.convert("RGB").save(buffer, format="png", compress_level=1)
    return buffer.getvalue()
