"""`NodeLabels`: many short centred labels as one artist, cheap enough to redraw on every tick.

A `Text` artist lays itself out from scratch on every draw, about half a millisecond each; a
live diagram with a dozen numbers spends most of its frame there. This artist measures each
string once and hands it straight to the renderer, which makes the same picture several times
faster.
"""

from __future__ import annotations

from typing import Any

import numpy as np
from matplotlib.artist import Artist
from matplotlib.backends.backend_agg import RendererAgg, get_hinting_flag
from matplotlib.font_manager import FontProperties

from nnlib.validation import FloatArray

MAX_CACHED_LABELS = 4096  # rasterised strings kept; a few hundred kilobytes at most


class NodeLabels(Artist):
    """Label i is `texts[i]` in `colors[i]`, centred on data point xy[i]; xy: (n, 2)."""

    def __init__(self, xy: FloatArray, fontsize: float, zorder: float = 3.0) -> None:
        super().__init__()
        self.xy = xy
        self.texts: list[str] = [""] * len(xy)
        self.colors: list[str] = ["black"] * len(xy)
        self.prop = FontProperties(size=fontsize)
        self.set_zorder(zorder)
        self._extents: dict[tuple[str, float], tuple[float, float, float]] = {}
        self._glyphs: dict[tuple[str, float, bool], tuple[Any, float, float]] = {}

    def set_labels(self, texts: list[str], colors: list[str]) -> None:
        """New strings and colours, one per point."""
        if len(texts) != len(self.xy) or len(colors) != len(self.xy):
            raise ValueError(
                f"NodeLabels needs one text and one colour per point ({len(self.xy)}), got "
                f"{len(texts)} texts and {len(colors)} colours."
            )
        self.texts, self.colors = list(texts), list(colors)
        self.stale = True

    def _extent(self, renderer: Any, text: str) -> tuple[float, float, float]:
        key = (text, renderer.points_to_pixels(1.0))
        if key not in self._extents:
            self._extents[key] = renderer.get_text_width_height_descent(text, self.prop, False)
        return self._extents[key]

    def draw(self, renderer: Any) -> None:
        if not self.get_visible() or self.axes is None:
            return
        pixels = self.axes.transData.transform(self.xy)
        height = renderer.get_canvas_width_height()[1]
        gc = renderer.new_gc()
        try:
            for (px, py), text, color in zip(pixels, self.texts, self.colors, strict=True):
                if not text:
                    continue
                w, h, d = self._extent(renderer, text)
                gc.set_foreground(color)
                baseline = py - h / 2.0 + d  # centred like Text(ha="center", va="center")
                y = height - baseline if renderer.flipy() else baseline
                self._draw_text(renderer, gc, px - w / 2.0, y, text)
        finally:
            gc.restore()
        self.stale = False

    def _draw_text(self, renderer: Any, gc: Any, x: float, y: float, text: str) -> None:
        """renderer.draw_text, but on Agg each string is rasterised once and its pixels reused.

        The same numbers recur from frame to frame (a slider moves one weight; most nodes keep
        their values), and turning a string into glyph pixels is most of what drawing it costs.
        The steps and offsets are those of RendererAgg.draw_text, so the pixels are identical.
        """
        if not isinstance(renderer, RendererAgg):  # SVG, PDF: nothing to cache
            renderer.draw_text(gc, x, y, text, self.prop, 0.0)
            return
        key = (text, float(renderer.dpi), bool(gc.get_antialiased()))
        if key not in self._glyphs:
            if len(self._glyphs) > MAX_CACHED_LABELS:
                self._glyphs.clear()
            font = renderer._prepare_font(self.prop)
            font.set_text(text, 0, flags=get_hinting_flag())
            font.draw_glyphs_to_bitmap(antialiased=key[2])
            x_offset, y_offset = font.get_bitmap_offset()
            pixels = np.array(font.get_image())  # a copy: the font is reused for the next string
            self._glyphs[key] = (pixels, x_offset / 64.0, (y_offset + font.get_descent()) / 64.0)
        pixels, dx, dy = self._glyphs[key]
        renderer._renderer.draw_text_image(pixels, round(x + dx), round(y + dy) + 1, 0.0, gc)
